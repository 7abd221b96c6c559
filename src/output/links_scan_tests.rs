use super::*;

fn sorted(s: Scanned) -> (Vec<String>, Vec<String>) {
    let mut links = s.links;
    links.sort();
    let mut ids: Vec<String> = s.ids.into_iter().collect();
    ids.sort();
    (links, ids)
}

/// Whenever the scanner answers, it answers what html5gum does.
fn agrees(html: &str) -> bool {
    match fast(html.as_bytes()) {
        Some(found) => {
            assert_eq!(sorted(found), sorted(reference(html)), "on {html:?}");
            true
        }
        None => false,
    }
}

#[test]
fn the_html_of_pages_is_read_by_the_scanner_as_html5gum_reads_it() {
    let pages = [
        r##"<!doctype html><html lang="lv"><head><meta charset="utf-8"><title>A <a href="/no/"> B</title>
        <link rel="stylesheet" href="/style.css?h=12"><script>let a = "<a href='/no/'>"; if (a < b) {}</script>
        <style>a[href="/no/"] { color: red }</style></head><body>
        <!-- <a href="/commented/"> --><nav id=menu><a href=/lv/ class=x>Sākums</a><a HREF='/ru/'>Ру</a></nav>
        <img src="/a.png" srcset="/a.png 1x, /a@2x.png 2x" alt="x > y"><a name=top></a>
        <p id="p1" id="p2">x < y <3 a</p><input value='"'><a href="/x/" href="/dup/">dup</a>
        <br/><svg viewBox="0 0 1 1"><use href="#s"/></svg><textarea><a href="/no/"></textarea>
        <div data-x="`b`">q</div></body></html>"##,
        "<a href=\"/lv/pasakumi/x/\">x</a></A ><a\nhref\n=\n\"/y/\"\n>y</a><p/id=z>",
        "<SCRIPT>document.write('</scr' + 'ipt>')</SCRIPT><a href=/after/>",
    ];
    for page in pages {
        assert!(agrees(page), "the scanner gave up on {page:?}");
    }
}

#[test]
fn what_the_scanner_does_not_read_goes_to_html5gum() {
    let tricky = [
        r#"<a href="/x/?a=1&amp;b=2">"#,
        "<a href=\"/x/\"\r\n>",
        "<![CDATA[<a href='/no/'>]]><a href=/yes/>",
        "<?xml version=\"1.0\"?><a href=/x/>",
        "<!--> <a href=/x/> -->",
        "<!--- x --!> <a href=/x/>",
        "<script><!-- <script></script> <a href=/no/> </script> --></script><a href=/x/>",
        "</a id=x><a href=/x/>",
        "<a href=\"/x/\"id=y>",
        "<a =x href=/x/>",
        "<a href=/x\"/>",
        "<a href=\"/unclosed",
        "<!doctype html public \">\"><a href=/x/>",
        "<a\0 href=/x/>",
        "<p>a<b</p><a href=/x/>",
        "<div data-x=`b`><a href=/x/>",
    ];
    for html in tricky {
        assert!(
            !agrees(html),
            "the scanner should leave {html:?} to html5gum"
        );
        // And the whole check still reads it like html5gum.
        assert_eq!(scan(html.as_bytes()), PageLinks::new(reference(html)));
    }
}

/// Random pages made of pieces where tokenizers tend to differ: the scanner either gives up
/// or agrees with html5gum.
#[test]
fn on_random_markup_the_scanner_agrees_with_html5gum_or_gives_up() {
    const PIECES: &[&str] = &[
        "<a href=\"/x/\">",
        "<a href='/y/'>",
        "<a href=/z/>",
        "<A HREF=/u/>",
        "<p id=\"i\">",
        "<img src=/i.png srcset=\"/i.png 1x, /j.png 2x\">",
        "</a>",
        "</p >",
        "<br/>",
        "text",
        " ",
        "\n",
        "<",
        ">",
        "\"",
        "'",
        "=",
        "&amp;",
        "&",
        "/",
        "<!--",
        "-->",
        "--",
        "!",
        "<!",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<title>",
        "</title>",
        "<textarea>",
        "</textarea>",
        "<!doctype html>",
        "<a name=n>",
        "<a id=",
        "x",
        "<div",
        "<noscript>",
        "</noscript>",
        "<iframe>",
        "</iframe>",
        "`",
        "<a href",
        "<a href=",
        "</",
        "<?",
        "<![CDATA[",
        "]]>",
        "<xmp>",
        "</xmp>",
        "<a href=\"#h\" href=\"#dup\">",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut answered = 0;
    for _ in 0..20_000 {
        let len = (next() % 12) as usize + 1;
        let html: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        if agrees(&html) {
            answered += 1;
        }
    }
    assert!(
        answered > 2_000,
        "the scanner answered only {answered} of 20,000"
    );
}
