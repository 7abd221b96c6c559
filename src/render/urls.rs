//! URLs as the site publishes them: root-relative under the base path (`/sub/lv/x/`), or
//! absolute (`https://example.org/sub/lv/x/`) for permalinks, feeds and the sitemap.

use crate::config::Config;

/// Builds URLs from output paths: root-relative with the base path, or absolute.
#[derive(Clone)]
pub struct Urls {
    base_url: String,
    base_path: String,
}

impl Urls {
    /// URLs for a site served at `config.base_url`.
    pub fn new(config: &Config) -> Self {
        Urls {
            base_url: config.base_url.clone(),
            base_path: config.base_path.clone(),
        }
    }

    /// `lv/pasakumi/x/` → `/sub/lv/pasakumi/x/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.base_path)
    }

    /// `lv/pasakumi/x/` → `https://example.org/sub/lv/pasakumi/x/`.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}/{path}", self.base_url)
    }

    /// The base path (`/sub` or empty).
    pub fn base_path(&self) -> &str {
        &self.base_path
    }
}

/// Puts `base` before root-relative values of `attr` (`href="/x"` → `href="/sub/x"`),
/// leaving protocol-relative ones (`//host/x`) alone.
pub(super) fn under_base_path(html: &str, attr: &str, base: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(attr) {
        let value_start = at + attr.len();
        out.push_str(&rest[..value_start]);
        let value = &rest[value_start..];
        if value.starts_with('/') && !value.starts_with("//") {
            out.push_str(base);
        }
        rest = value;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::under_base_path;

    #[test]
    fn root_relative_links_move_under_the_base_path_but_protocol_relative_ones_do_not() {
        let html = r#"<a href="/lv/x/">a</a> <a href="//cdn.example/x">b</a> <img src="/i.png"> <a href="https://e.org/">c</a>"#;
        assert_eq!(
            under_base_path(&under_base_path(html, "href=\"", "/sub"), "src=\"", "/sub"),
            r#"<a href="/sub/lv/x/">a</a> <a href="//cdn.example/x">b</a> <img src="/sub/i.png"> <a href="https://e.org/">c</a>"#
        );
    }
}
