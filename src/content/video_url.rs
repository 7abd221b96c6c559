//! Links to video hosts: which host a `video` link names (YouTube, Vimeo or any other site),
//! the video's id there, and the two addresses a page needs, the privacy-enhanced player
//! (`youtube-nocookie.com`, `player.vimeo.com` with `dnt=1`) loaded only when the reader asks
//! for it, and the host's own page.
//!
//! Kept apart from the field checks because it is pure text work with many near-misses worth
//! testing on their own: a channel instead of a video, a shortened id, a misspelt host.

use strsim::levenshtein;
use url::Url;

/// The hosts vestis knows how to embed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// youtube.com, youtu.be.
    YouTube,
    /// vimeo.com.
    Vimeo,
    /// Any other site (a regional TV's archive): linked to, never embedded.
    Other,
}

impl Provider {
    /// How templates name it: `youtube`, `vimeo`, `link`.
    pub fn name(self) -> &'static str {
        match self {
            Provider::YouTube => "youtube",
            Provider::Vimeo => "vimeo",
            Provider::Other => "link",
        }
    }
}

/// A video on a host's site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hosted {
    /// Which host.
    pub provider: Provider,
    /// The host as readers know it: `youtube.com`, `vimeo.com`, `ltv.lsm.lv`.
    pub host: String,
    /// The video's page on the host.
    pub watch_url: String,
    /// The privacy-enhanced player, for hosts that can be embedded.
    pub embed_url: Option<String>,
}

/// What is wrong with a link, and what to write instead.
pub type LinkProblem = (String, Option<String>);

const YOUTUBE_HELP: &str = "copy the address of the video itself (Share → Copy), e.g. `https://www.youtube.com/watch?v=M7lc1UVf-VE` or `https://youtu.be/M7lc1UVf-VE`";
const VIMEO_HELP: &str = "copy the address of the video itself, e.g. `https://vimeo.com/76979871`";

/// Reads an absolute http(s) link to a video. Messages say what is wrong with the link,
/// without naming the field (the caller adds it).
pub fn parse(text: &str) -> Result<Hosted, LinkProblem> {
    let text = text.trim();
    let url = Url::parse(text).map_err(|_| not_a_link(text))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(not_a_link(text));
    }
    let Some(host) = url.host_str().map(str::to_ascii_lowercase) else {
        return Err(not_a_link(text));
    };
    let bare = host.strip_prefix("www.").unwrap_or(&host);
    match bare {
        "youtube.com"
        | "m.youtube.com"
        | "music.youtube.com"
        | "youtube-nocookie.com"
        | "youtu.be" => youtube(&url, bare == "youtu.be"),
        "vimeo.com" | "player.vimeo.com" => vimeo(&url),
        _ => {
            if let Some(meant) = misspelt_host(bare) {
                let mut fixed = url.clone();
                let _ = fixed.set_host(Some(&host.replacen(bare, meant, 1)));
                return Err((
                    format!("`{bare}` looks like a misspelling of `{meant}`"),
                    Some(format!("did you mean `{fixed}`?")),
                ));
            }
            Ok(Hosted {
                provider: Provider::Other,
                host: bare.to_string(),
                watch_url: url.to_string(),
                embed_url: None,
            })
        }
    }
}

/// Whether `text` (not a file of the record) looks like a link written without `https://`:
/// `www.youtube.com/watch?v=…`, `youtu.be/…`, `vimeo.com/…`.
pub fn lacks_scheme(text: &str) -> bool {
    let host = text.split('/').next().unwrap_or("").to_ascii_lowercase();
    let bare = host.strip_prefix("www.").unwrap_or(&host);
    host.starts_with("www.")
        || (text.contains('/')
            && matches!(
                bare,
                "youtube.com" | "m.youtube.com" | "youtu.be" | "vimeo.com"
            ))
}

fn not_a_link(text: &str) -> LinkProblem {
    (
        format!(
            "`{}` is not a web address",
            crate::yaml::short(text, crate::yaml::slips::SHOWN_CHARS)
        ),
        Some("write the whole address starting with `https://`".into()),
    )
}

/// A host one or two letters away from a known video host.
fn misspelt_host(bare: &str) -> Option<&'static str> {
    [("youtube.com", 2), ("youtu.be", 1), ("vimeo.com", 1)]
        .into_iter()
        .find(|(known, most)| {
            let d = levenshtein(bare, known);
            d > 0 && d <= *most
        })
        .map(|(known, _)| known)
}

fn youtube(url: &Url, short_link: bool) -> Result<Hosted, LinkProblem> {
    let segments: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    let query = |key: &str| {
        url.query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    };
    let id = if short_link {
        segments.first().map(|s| s.to_string())
    } else {
        match segments.as_slice() {
            ["watch", ..] => query("v"),
            ["embed" | "shorts" | "live" | "v", id, ..] => Some(id.to_string()),
            ["playlist", ..] => {
                return Err((
                    "the YouTube link is a playlist, not one video".into(),
                    Some(YOUTUBE_HELP.into()),
                ));
            }
            [first, ..] if first.starts_with('@') || matches!(*first, "channel" | "c" | "user") => {
                return Err((
                    "the YouTube link is a channel, not one video".into(),
                    Some(YOUTUBE_HELP.into()),
                ));
            }
            _ => None,
        }
    };
    let Some(id) = id.filter(|i| !i.is_empty()) else {
        return Err((
            "the YouTube link does not say which video: it has no video id".into(),
            Some(YOUTUBE_HELP.into()),
        ));
    };
    let valid = id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !valid {
        return Err((
            format!(
                "the YouTube video id `{}` is not complete: an id has 11 letters, digits, `-` or `_`",
                crate::yaml::short(&id, crate::yaml::slips::SHOWN_CHARS)
            ),
            Some(YOUTUBE_HELP.into()),
        ));
    }
    let start = query("t").or_else(|| query("start"));
    let start = match start {
        None => None,
        Some(t) => Some(seconds(&t).ok_or_else(|| {
            (
                format!("the YouTube start time `t={t}` is not a time"),
                Some("write it in seconds (`t=90`) or as `t=1m30s`, or leave it out".into()),
            )
        })?),
    };
    let (watch_from, embed_from) = match start {
        Some(s) if s > 0 => (format!("&t={s}s"), format!("&start={s}")),
        _ => (String::new(), String::new()),
    };
    Ok(Hosted {
        provider: Provider::YouTube,
        host: "youtube.com".into(),
        watch_url: format!("https://www.youtube.com/watch?v={id}{watch_from}"),
        embed_url: Some(format!(
            "https://www.youtube-nocookie.com/embed/{id}?autoplay=1{embed_from}"
        )),
    })
}

/// `90`, `90s`, `1m30s`, `1h2m3s` → seconds.
fn seconds(text: &str) -> Option<u64> {
    if let Ok(n) = text.parse::<u64>() {
        return Some(n);
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        let n: u64 = number.parse().ok()?;
        total = total.checked_add(n.checked_mul(unit)?)?;
        number.clear();
    }
    number.is_empty().then_some(total)
}

fn vimeo(url: &Url) -> Result<Hosted, LinkProblem> {
    let segments: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    let Some(at) = segments
        .iter()
        .position(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
    else {
        return Err((
            "the Vimeo link does not say which video: it has no video number".into(),
            Some(VIMEO_HELP.into()),
        ));
    };
    let id = segments[at];
    // An unlisted video needs its hash: `vimeo.com/<id>/<hash>` or `?h=<hash>`.
    let hash = segments
        .get(at + 1)
        .filter(|h| h.bytes().all(|b| b.is_ascii_alphanumeric()))
        .map(|h| h.to_string())
        .or_else(|| {
            url.query_pairs()
                .find(|(k, _)| k == "h")
                .map(|(_, v)| v.into_owned())
        })
        .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric()));
    let (watch_hash, embed_hash) = match &hash {
        Some(h) => (format!("/{h}"), format!("&h={h}")),
        None => (String::new(), String::new()),
    };
    Ok(Hosted {
        provider: Provider::Vimeo,
        host: "vimeo.com".into(),
        watch_url: format!("https://vimeo.com/{id}{watch_hash}"),
        embed_url: Some(format!(
            "https://player.vimeo.com/video/{id}?dnt=1&autoplay=1{embed_hash}"
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embed(text: &str) -> String {
        parse(text).unwrap().embed_url.unwrap()
    }

    #[test]
    fn youtube_links_of_every_form_embed_without_cookies() {
        let want = "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1";
        for link in [
            "https://www.youtube.com/watch?v=M7lc1UVf-VE",
            "https://youtube.com/watch?feature=share&v=M7lc1UVf-VE",
            "https://m.youtube.com/watch?v=M7lc1UVf-VE&list=PL123",
            "https://youtu.be/M7lc1UVf-VE?si=abc",
            "https://www.youtube.com/embed/M7lc1UVf-VE",
            "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE",
            "https://www.youtube.com/shorts/M7lc1UVf-VE",
            "http://www.youtube.com/live/M7lc1UVf-VE",
        ] {
            assert_eq!(embed(link), want, "{link}");
            let hosted = parse(link).unwrap();
            assert_eq!(hosted.host, "youtube.com");
            assert_eq!(
                hosted.watch_url,
                "https://www.youtube.com/watch?v=M7lc1UVf-VE"
            );
        }
    }

    #[test]
    fn youtube_start_times_carry_over() {
        let hosted = parse("https://youtu.be/M7lc1UVf-VE?t=1m30s").unwrap();
        assert_eq!(
            hosted.embed_url.unwrap(),
            "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1&start=90"
        );
        assert_eq!(
            hosted.watch_url,
            "https://www.youtube.com/watch?v=M7lc1UVf-VE&t=90s"
        );
        assert_eq!(seconds("1h2m3s"), Some(3723));
        assert_eq!(seconds("90s"), Some(90));
        assert_eq!(seconds("1m30"), None);
        assert!(parse("https://youtu.be/M7lc1UVf-VE?t=soon").is_err());
    }

    #[test]
    fn youtube_links_without_one_video_are_refused() {
        for (link, says) in [
            ("https://www.youtube.com/watch", "no video id"),
            ("https://www.youtube.com/", "no video id"),
            ("https://youtu.be/", "no video id"),
            ("https://www.youtube.com/watch?v=dQw4w9", "not complete"),
            ("https://www.youtube.com/@LatgalesTV", "a channel"),
            ("https://www.youtube.com/channel/UC123", "a channel"),
            ("https://www.youtube.com/playlist?list=PL1", "a playlist"),
        ] {
            let (message, help) = parse(link).unwrap_err();
            assert!(message.contains(says), "{link}: {message}");
            assert!(help.is_some());
        }
    }

    #[test]
    fn vimeo_links_embed_with_do_not_track() {
        for link in [
            "https://vimeo.com/76979871",
            "https://vimeo.com/channels/staffpicks/76979871",
            "https://player.vimeo.com/video/76979871",
        ] {
            let hosted = parse(link).unwrap();
            assert_eq!(
                hosted.embed_url.as_deref(),
                Some("https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"),
                "{link}"
            );
            assert_eq!(hosted.watch_url, "https://vimeo.com/76979871");
        }
        let unlisted = parse("https://vimeo.com/76979871/abc123def").unwrap();
        assert_eq!(
            unlisted.embed_url.as_deref(),
            Some("https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=abc123def")
        );
        let (message, _) = parse("https://vimeo.com/staffpicks").unwrap_err();
        assert!(message.contains("no video number"), "{message}");
    }

    #[test]
    fn other_hosts_are_linked_not_embedded() {
        let hosted = parse("https://www.latgalesregionalatv.lv/raidijumi/2014/sovs").unwrap();
        assert_eq!(hosted.provider, Provider::Other);
        assert_eq!(hosted.host, "latgalesregionalatv.lv");
        assert_eq!(hosted.embed_url, None);
        assert_eq!(
            hosted.watch_url,
            "https://www.latgalesregionalatv.lv/raidijumi/2014/sovs"
        );
        // Hosts close to, but not, a known one are not taken for a misspelling.
        assert!(parse("https://time.com/video/1").is_ok());
    }

    #[test]
    fn misspelt_hosts_and_non_links_are_refused_with_a_fix() {
        let (message, help) = parse("https://www.youtub.com/watch?v=M7lc1UVf-VE").unwrap_err();
        assert!(message.contains("`youtube.com`"), "{message}");
        assert_eq!(
            help.unwrap(),
            "did you mean `https://www.youtube.com/watch?v=M7lc1UVf-VE`?"
        );
        assert!(parse("https://vimeo.co/1").is_err());
        assert!(parse("ftp://example.org/v.mp4").is_err());
        assert!(parse("not a link").is_err());
        assert!(lacks_scheme("www.youtube.com/watch?v=M7lc1UVf-VE"));
        assert!(lacks_scheme("youtu.be/M7lc1UVf-VE"));
        assert!(lacks_scheme("www.ltv.lv"));
        assert!(!lacks_scheme("interview.webm"));
        assert!(!lacks_scheme("videos/interview.webm"));
    }
}
