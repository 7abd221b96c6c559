//! The Hugo twin of the bench site: the same events and towns in Hugo's format, with layouts
//! that render the same pages as the bench theme (`theme.rs`).
//!
//! Mapping: events are the `events` section (`content/events/<id>.<lang>.md`, filename
//! language suffix, the same front matter plus the date and town that vestis keeps in the
//! `.yaml`); towns are the terms of a `town` taxonomy whose term pages carry the town's text
//! (`content/town/<id>/_index.<lang>.md`) and list the town's events, which is Hugo's idiomatic
//! back-reference. Pagination, RSS and sitemaps are Hugo's defaults (`paginate: 20`).

use std::path::Path;

use anyhow::Result;

use super::{Event, LANGS, PER_PAGE, TOWNS, Town, put, quoted, theme::STYLE};

const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{- range .Translations }}
<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{- end }}
<link rel="alternate" type="application/rss+xml" href="{{ "index.xml" | relLangURL }}">
{{- $css := resources.Get "style.css" | fingerprint }}
<link rel="stylesheet" href="{{ $css.RelPermalink }}">
</head>
<body>
<header class="site-header">
<a class="site-title" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav class="site-nav"><ul>
<li><a href="{{ "events/" | relLangURL }}">{{ i18n "collection_events" }}</a></li>
<li><a href="{{ "town/" | relLangURL }}">{{ i18n "collection_towns" }}</a></li>
</ul></nav>
<nav class="lang-switch"><ul>
{{- range .Translations }}
<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>
{{- end }}
</ul></nav>
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><p>{{ i18n "footer" }}</p></footer>
</body>
</html>
"#;

const HOME: &str = r#"{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<h2>{{ i18n "latest_events" }}</h2>
<ul class="records">
{{- range first 10 (where .Site.RegularPages "Section" "events") }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_medium" }}</time></li>
{{- end }}
</ul>
<p><a href="{{ "events/" | relLangURL }}">{{ i18n "all_events" }}</a></p>
{{ end }}
"#;

const LIST: &str = r#"{{ define "title" }}{{ i18n "collection_events" }} · {{ .Site.Title }}{{ end }}
{{ define "main" }}
{{- $pag := .Paginate .Pages }}
<h1>{{ i18n "collection_events" }}</h1>
<p class="muted">{{ i18n "pagination_status" (dict "Current" $pag.PageNumber "Total" $pag.TotalPages) }}</p>
<ul class="records">
{{- range $pag.Pages }}
<li class="card">
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_medium" }}</time>{{ range .GetTerms "town" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{- with .Params.summary }}
<p>{{ . }}</p>
{{- end }}
</li>
{{- end }}
</ul>
<nav class="pagination"><ul>
{{- if $pag.HasPrev }}
<li><a href="{{ $pag.Prev.URL }}" rel="prev">{{ i18n "pagination_prev" }}</a></li>
{{- end }}
{{- if $pag.HasNext }}
<li><a href="{{ $pag.Next.URL }}" rel="next">{{ i18n "pagination_next" }}</a></li>
{{- end }}
</ul></nav>
{{ end }}
"#;

const TAXONOMY: &str = r#"{{ define "title" }}{{ i18n "collection_towns" }} · {{ .Site.Title }}{{ end }}
{{ define "main" }}
<h1>{{ i18n "collection_towns" }}</h1>
<ul class="towns">
{{- range .Pages.ByTitle }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
{{ end }}
"#;

const TERM: &str = r#"{{ define "title" }}{{ .Title }} · {{ .Site.Title }}{{ end }}
{{ define "main" }}
<article class="record">
<h1>{{ .Title }}</h1>
{{ .Content }}
<h2>{{ i18n "town_events" (len .Pages) }}</h2>
<ul class="records">
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_medium" }}</time></li>
{{- end }}
</ul>
</article>
{{ end }}
"#;

const SINGLE: &str = r#"{{ define "title" }}{{ .Title }} · {{ .Site.Title }}{{ end }}
{{ define "main" }}
<article class="record">
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>{{ range .GetTerms "town" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{- with .Params.summary }}
<p class="lead">{{ . }}</p>
{{- end }}
{{ .Content }}
</article>
{{ end }}
"#;

const NOT_FOUND: &str = r#"{{ define "title" }}{{ i18n "not_found" }}{{ end }}
{{ define "main" }}
<h1>{{ i18n "not_found" }}</h1>
{{ end }}
"#;

const LV_I18N: &str = r#"collection_events: "Pasākumi"
collection_towns: "Pilsētas"
latest_events: "Jaunākie pasākumi"
all_events: "Visi pasākumi"
pagination_prev: "Iepriekšējā lapa"
pagination_next: "Nākamā lapa"
pagination_status: "{{ .Current }}. lapa no {{ .Total }}"
town_events:
  zero: "{{ .Count }} pasākumu šajā pilsētā"
  one: "{{ .Count }} pasākums šajā pilsētā"
  other: "{{ .Count }} pasākumi šajā pilsētā"
footer: "Etalonvietne, izveidota ar Hugo."
not_found: "Lapa nav atrasta"
"#;

const RU_I18N: &str = r#"collection_events: "Мероприятия"
collection_towns: "Города"
latest_events: "Последние мероприятия"
all_events: "Все мероприятия"
pagination_prev: "Предыдущая страница"
pagination_next: "Следующая страница"
pagination_status: "Страница {{ .Current }} из {{ .Total }}"
town_events:
  one: "{{ .Count }} мероприятие в этом городе"
  few: "{{ .Count }} мероприятия в этом городе"
  many: "{{ .Count }} мероприятий в этом городе"
  other: "{{ .Count }} мероприятия в этом городе"
footer: "Эталонный сайт, созданный с помощью Hugo."
not_found: "Страница не найдена"
"#;

/// `config.yaml`: two languages in subfolders, 20 per page, one `town` taxonomy.
fn config() -> String {
    format!(
        r#"# Generated by `cargo run --example corpus`: the Hugo twin of the vestis benchmark site.
baseURL: "https://bench.example.org/"
defaultContentLanguage: lv
defaultContentLanguageInSubdir: true
paginate: {PER_PAGE}
taxonomies:
  town: town
languages:
  lv:
    languageName: "Latviešu"
    weight: 1
    title: "Vestis etalonvietne: pasākumi Latvijā"
  ru:
    languageName: "Русский"
    weight: 2
    title: "Эталонный сайт vestis: мероприятия в Латвии"
"#
    )
}

fn write_layouts(root: &Path) -> Result<()> {
    let files = [
        ("layouts/_default/baseof.html", BASEOF),
        ("layouts/index.html", HOME),
        ("layouts/_default/list.html", LIST),
        ("layouts/_default/taxonomy.html", TAXONOMY),
        ("layouts/_default/term.html", TERM),
        ("layouts/_default/single.html", SINGLE),
        ("layouts/404.html", NOT_FOUND),
        ("i18n/lv.yaml", LV_I18N),
        ("i18n/ru.yaml", RU_I18N),
        ("assets/style.css", STYLE),
    ];
    for (rel, text) in files {
        put(root, rel, text)?;
    }
    Ok(())
}

fn write_event(root: &Path, e: &Event) -> Result<()> {
    let town = TOWNS[e.town].0;
    for (lang, t) in LANGS.iter().zip(&e.texts) {
        let text = format!(
            "---\ntitle: {}\ndate: {}\ntown: {town}\nsummary: {}\n---\n\n{}",
            quoted(&t.title),
            e.date,
            quoted(&t.summary),
            t.body
        );
        put(root, &format!("content/events/{}.{lang}.md", e.id), &text)?;
    }
    Ok(())
}

fn write_town(root: &Path, t: &Town) -> Result<()> {
    for (lang, (title, body)) in LANGS.iter().zip(&t.texts) {
        let text = format!("---\ntitle: {}\n---\n\n{body}", quoted(title));
        put(
            root,
            &format!("content/town/{}/_index.{lang}.md", t.id),
            &text,
        )?;
    }
    Ok(())
}

/// Section and taxonomy titles per language.
fn write_indexes(root: &Path) -> Result<()> {
    let titles = [
        ("events", ["Pasākumi", "Мероприятия"]),
        ("town", ["Pilsētas", "Города"]),
    ];
    for (dir, names) in titles {
        for (lang, name) in LANGS.iter().zip(names) {
            let text = format!("---\ntitle: {}\n---\n", quoted(name));
            put(root, &format!("content/{dir}/_index.{lang}.md"), &text)?;
        }
    }
    Ok(())
}

/// Writes the Hugo site into `root`.
pub fn write(root: &Path, events: &[Event], towns: &[Town]) -> Result<()> {
    put(root, "config.yaml", &config())?;
    write_layouts(root)?;
    write_indexes(root)?;
    for e in events {
        write_event(root, e)?;
    }
    for t in towns {
        write_town(root, t)?;
    }
    Ok(())
}
