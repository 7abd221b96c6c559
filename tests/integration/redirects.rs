//! Old addresses keep working: a record renamed (new slug) leaves a redirect at its old
//! address, a removed record a "gone" page, `aliases:` add redirects, and `_redirects` /
//! `.htaccess` carry the same; `.vestis/urls.json` is written by `build` only.

use crate::common;

use std::path::Path;

use common::{options, temp_copy};
use vestis::BuildOptions;

const OLD: &str = "lv/pasakumi/daugavpils-show/";
const NEW: &str = "lv/pasakumi/sovs-daugavpili/";
const SHOW_LV: &str = "content/events/daugavpils-show.lv.md";

fn build(root: &Path) -> vestis::Report {
    let opts = BuildOptions {
        output_dir: Some(root.join("public")),
        ..options(root)
    };
    vestis::build(&opts).unwrap_or_else(|d| panic!("the build failed:\n{d}"))
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn set_front_matter(root: &Path, rel: &str, extra: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("---\n", &format!("---\n{extra}\n"), 1)).unwrap();
}

#[test]
fn a_new_slug_leaves_a_working_redirect_at_the_old_address() {
    let site = temp_copy("sites", "full");
    let root = site.path();
    build(root);
    let urls = read(root, ".vestis/urls.json");
    assert!(urls.contains(&format!("\"{OLD}\"")), "{urls}");
    assert!(root.join("public").join(OLD).join("index.html").is_file());

    set_front_matter(root, SHOW_LV, "slug: sovs-daugavpili");
    build(root);
    let page = read(root, &format!("public/{OLD}index.html"));
    let target = format!("https://balta-maja.test/sub/{NEW}");
    assert!(
        page.contains(&format!(
            "<meta http-equiv=\"refresh\" content=\"0; url={target}\">"
        )),
        "{page}"
    );
    assert!(
        page.contains(&format!("<link rel=\"canonical\" href=\"{target}\">")),
        "{page}"
    );
    assert!(
        page.contains(&format!("<a href=\"/sub/{NEW}\">Šovs Daugavpilī</a>")),
        "{page}"
    );
    assert!(page.contains("<html lang=\"lv\">"));
    // The new page is real, the Russian page did not move.
    assert!(read(root, &format!("public/{NEW}index.html")).contains("Šovs Daugavpilī"));
    assert!(read(root, "public/ru/meropriyatiya/daugavpils-show/index.html").contains("<html"));

    let netlify = read(root, "public/_redirects");
    assert!(
        netlify.contains(&format!("/sub/{OLD} /sub/{NEW} 301\n")),
        "{netlify}"
    );
    assert_eq!(netlify.matches(" 301").count(), 1, "{netlify}");
    let apache = read(root, "public/.htaccess");
    assert!(
        apache.contains(&format!("Redirect 301 \"/sub/{OLD}\" \"/sub/{NEW}\"\n")),
        "{apache}"
    );

    // Both addresses stay in the record: renaming back and forth keeps every link alive.
    let urls = read(root, ".vestis/urls.json");
    assert!(
        urls.contains(&format!("\"{OLD}\"")) && urls.contains(&format!("\"{NEW}\"")),
        "{urls}"
    );
}

#[test]
fn a_removed_record_leaves_a_gone_page_in_its_language() {
    let site = temp_copy("sites", "full");
    let root = site.path();
    build(root);
    for file in ["script-title.lv.md", "script-title.yaml"] {
        std::fs::remove_file(root.join("content/events").join(file)).unwrap();
    }
    build(root);
    let gone = read(root, "public/lv/pasakumi/script-title/index.html");
    assert!(
        gone.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{gone}"
    );
    assert!(gone.contains("<html lang=\"lv\">"), "{gone}");
    assert!(gone.contains("<a href=\"/sub/lv/pasakumi/\">"), "{gone}");
    assert!(!gone.contains("http-equiv"), "{gone}");
    // Nothing moved, so the hosts get no redirect lines.
    assert!(!root.join("public/_redirects").exists());
}

#[test]
fn aliases_redirect_and_never_replace_a_real_page() {
    let site = temp_copy("sites", "full");
    let root = site.path();
    set_front_matter(
        root,
        SHOW_LV,
        "aliases:\n  - /lv/vecais-sovs/\n  - /lv/pasakumi/integracijas-skatuve/",
    );
    let report = build(root);
    let page = read(root, "public/lv/vecais-sovs/index.html");
    assert!(
        page.contains(&format!("url=https://balta-maja.test/sub/{OLD}")),
        "{page}"
    );
    let real = read(root, "public/lv/pasakumi/integracijas-skatuve/index.html");
    assert!(
        !real.contains("http-equiv=\"refresh\""),
        "the real page was replaced:\n{real}"
    );
    let warnings = report.rendered.warnings.to_string();
    assert!(
        warnings.contains(&format!(
            "{SHOW_LV}:4:5: the alias `/lv/pasakumi/integracijas-skatuve/` is the address of a real page"
        )),
        "{warnings}"
    );
    assert!(
        read(root, "public/_redirects").contains(&format!("/sub/lv/vecais-sovs/ /sub/{OLD} 301"))
    );
}

#[test]
fn check_and_draft_builds_do_not_record_addresses() {
    let site = temp_copy("sites", "full");
    let root = site.path();
    vestis::check(&options(root)).unwrap_or_else(|d| panic!("{d}"));
    assert!(!root.join(".vestis/urls.json").exists());
    let drafts = BuildOptions {
        drafts: true,
        output_dir: Some(root.join("public")),
        ..options(root)
    };
    vestis::build(&drafts).unwrap_or_else(|d| panic!("{d}"));
    assert!(!root.join(".vestis/urls.json").exists());
}

#[test]
fn a_damaged_address_list_stops_the_build_with_a_located_error() {
    let site = temp_copy("sites", "full");
    let root = site.path();
    std::fs::create_dir_all(root.join(".vestis")).unwrap();
    std::fs::write(
        root.join(".vestis/urls.json"),
        "{\n  \"version\": 1,\n  \"urls\": [\n",
    )
    .unwrap();
    let opts = BuildOptions {
        output_dir: Some(root.join("public")),
        ..options(root)
    };
    let errors = vestis::build(&opts).unwrap_err().to_string();
    assert!(errors.contains("error: .vestis/urls.json:3:"), "{errors}");
    assert!(
        errors.contains("the list of published addresses cannot be read"),
        "{errors}"
    );
}

/// `&#x2F;` and `&amp;`, as tera escapes attribute values, back to characters.
fn unescaped(html: &str) -> String {
    html.replace("&#x2F;", "/").replace("&amp;", "&")
}

#[test]
fn the_example_site_shows_old_addresses_in_its_theme_and_language() {
    let site = common::example_copy();
    let root = site.path();
    // A Russian slug changes; a press release is removed in both languages.
    let show = root.join("content/events/show-daugavpils.ru.md");
    let text = std::fs::read_to_string(&show).unwrap();
    std::fs::write(
        &show,
        text.replace("slug: shou-v-daugavpilse", "slug: shou-daugavpils"),
    )
    .unwrap();
    for file in [
        "courses-begin.lv.md",
        "courses-begin.ru.md",
        "courses-begin.yaml",
    ] {
        std::fs::remove_file(root.join("content/press").join(file)).unwrap();
    }
    build(root);

    let moved = unescaped(&read(
        root,
        "public/ru/meropriyatiya/shou-v-daugavpilse/index.html",
    ));
    let target = "https://example.org/ru/meropriyatiya/shou-daugavpils/";
    assert!(
        moved.contains(&format!(
            "<meta http-equiv=\"refresh\" content=\"0; url={target}\">"
        )),
        "{moved}"
    );
    assert!(
        moved.contains(&format!("<link rel=\"canonical\" href=\"{target}\">")),
        "{moved}"
    );
    assert!(moved.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(moved.contains("<html lang=\"ru\">"), "{moved}");
    // The theme's page: its header and menus, its words in Russian (Fluent), a link on.
    assert!(moved.contains("class=\"site-header\""), "{moved}");
    assert!(moved.contains("<h1>Страница перенесена</h1>"), "{moved}");
    assert!(
        moved.contains(
            "<a href=\"/ru/meropriyatiya/shou-daugavpils/\">Интерактивное шоу «Я люблю тебя, Латвия, потому что…» в Даугавпилсе</a>"
        ),
        "{moved}"
    );
    // A link to the old address shared now previews the page it leads to.
    assert!(
        moved.contains(&format!("<meta property=\"og:url\" content=\"{target}\">")),
        "{moved}"
    );
    assert!(
        read(root, "public/_redirects").contains(
            "/ru/meropriyatiya/shou-v-daugavpilse/ /ru/meropriyatiya/shou-daugavpils/ 301"
        )
    );

    for (page, lang, heading, list) in [
        (
            "public/lv/preses-relizes/sakas-valodas-kursi/index.html",
            "lv",
            "Lapa ir noņemta",
            "/lv/preses-relizes/",
        ),
        (
            "public/ru/press-relizy/nachinayutsya-kursy/index.html",
            "ru",
            "Страница удалена",
            "/ru/press-relizy/",
        ),
    ] {
        let gone = unescaped(&read(root, page));
        assert!(gone.contains(&format!("<html lang=\"{lang}\">")), "{gone}");
        assert!(gone.contains("class=\"site-header\""), "{gone}");
        assert!(gone.contains(&format!("<h1>{heading}</h1>")), "{gone}");
        assert!(gone.contains(&format!("<a href=\"{list}\">")), "{gone}");
        assert!(gone.contains("<meta name=\"robots\" content=\"noindex\">"));
        assert!(!gone.contains("http-equiv"), "{gone}");
    }
}

#[test]
fn a_theme_without_redirect_templates_gets_the_built_in_pages() {
    // The fixture's theme has neither `redirect.html` nor `gone.html`.
    let site = temp_copy("sites", "full");
    let root = site.path();
    assert!(!root.join("themes/test/templates/redirect.html").exists());
    build(root);
    set_front_matter(root, SHOW_LV, "slug: sovs-daugavpili");
    build(root);
    let page = read(root, &format!("public/{OLD}index.html"));
    assert!(page.contains("<h1>Lapa ir pārcelta</h1>"), "{page}");
    assert!(!page.contains("<header"), "{page}");
}
