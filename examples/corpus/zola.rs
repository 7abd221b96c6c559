//! The Zola twin of the bench site: the same events and towns in Zola's format (Zola 0.22),
//! with templates that render the same pages as the bench theme (`theme.rs`) and the Hugo
//! twin (`hugo.rs`).
//!
//! Mapping: events are the `events` section (`content/events/<id>.md` for Latvian, the
//! default language, and `<id>.ru.md`), paginated by 20 and sorted by date, with an Atom feed
//! per language; towns are the terms of a `town` taxonomy whose term pages list the town's
//! events (Zola's terms carry no text of their own, so the town's paragraph is not shown).
//! Zola puts the default language at the root (`/events/`) and Russian under `/ru/`.

use std::path::Path;

use anyhow::Result;

use super::{Event, LANGS, PER_PAGE, TOWNS, Town, put, quoted, theme::STYLE};

/// The URL prefix of a language: a template expression.
const PREFIX: &str = r#"{% if lang == "lv" %}/{% else %}/{{ lang }}/{% endif %}"#;

fn base() -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="{{{{ lang }}}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{% block title %}}{{{{ config.title }}}}{{% endblock title %}}</title>
<link rel="canonical" href="{{{{ current_url | default(value=config.base_url) }}}}">
{{%- if page %}}{{% for tr in page.translations %}}
<link rel="alternate" hreflang="{{{{ tr.lang }}}}" href="{{{{ tr.permalink }}}}">
{{%- endfor %}}{{% endif %}}
<link rel="alternate" type="application/atom+xml" href="{PREFIX}atom.xml">
<link rel="stylesheet" href="{{{{ get_url(path="style.css", cachebust=true) }}}}">
</head>
<body>
<header class="site-header">
<a class="site-title" href="{PREFIX}">{{{{ config.title }}}}</a>
<nav class="site-nav"><ul>
<li><a href="{PREFIX}events/">{{{{ trans(key="collection_events", lang=lang) }}}}</a></li>
<li><a href="{PREFIX}town/">{{{{ trans(key="collection_towns", lang=lang) }}}}</a></li>
</ul></nav>
<nav class="lang-switch"><ul>
{{%- if page %}}{{% for tr in page.translations %}}
<li><a href="{{{{ tr.permalink }}}}" hreflang="{{{{ tr.lang }}}}" lang="{{{{ tr.lang }}}}">{{{{ tr.lang }}}}</a></li>
{{%- endfor %}}{{% endif %}}
</ul></nav>
</header>
<main id="main">
{{% block main %}}{{% endblock main %}}
</main>
<footer class="site-footer"><p>{{{{ trans(key="footer", lang=lang) }}}}</p></footer>
</body>
</html>
"#
    )
}

fn home() -> String {
    format!(
        r#"{{% extends "base.html" %}}
{{% block main %}}
<h1>{{{{ config.title }}}}</h1>
<h2>{{{{ trans(key="latest_events", lang=lang) }}}}</h2>
{{%- if lang == "lv" %}}{{% set events = get_section(path="events/_index.md") %}}{{% else %}}{{% set events = get_section(path="events/_index." ~ lang ~ ".md") %}}{{% endif %}}
<ul class="records">
{{%- for p in events.pages | slice(end=10) %}}
<li><a href="{{{{ p.permalink }}}}">{{{{ p.title }}}}</a> <time datetime="{{{{ p.date }}}}">{{{{ p.date | date(format="%d.%m.%Y") }}}}</time></li>
{{%- endfor %}}
</ul>
<p><a href="{PREFIX}events/">{{{{ trans(key="all_events", lang=lang) }}}}</a></p>
{{% endblock main %}}
"#
    )
}

const SECTION: &str = r#"{% extends "base.html" %}
{% block title %}{{ trans(key="collection_events", lang=lang) }} · {{ config.title }}{% endblock title %}
{% block main %}
<h1>{{ trans(key="collection_events", lang=lang) }}</h1>
<p class="muted">{{ paginator.current_index }} / {{ paginator.number_pagers }}</p>
<ul class="records">
{%- for p in paginator.pages %}
<li class="card">
<h2><a href="{{ p.permalink }}">{{ p.title }}</a></h2>
<p class="meta"><time datetime="{{ p.date }}">{{ p.date | date(format="%d.%m.%Y") }}</time>{% for t in p.taxonomies.town | default(value=[]) %} · <a href="{{ get_taxonomy_url(kind="town", name=t, lang=lang) }}">{{ t }}</a>{% endfor %}</p>
{%- if p.extra.summary %}
<p>{{ p.extra.summary }}</p>
{%- endif %}
</li>
{%- endfor %}
</ul>
<nav class="pagination"><ul>
{%- if paginator.previous %}
<li><a href="{{ paginator.previous }}" rel="prev">{{ trans(key="pagination_prev", lang=lang) }}</a></li>
{%- endif %}
{%- if paginator.next %}
<li><a href="{{ paginator.next }}" rel="next">{{ trans(key="pagination_next", lang=lang) }}</a></li>
{%- endif %}
</ul></nav>
{% endblock main %}
"#;

const PAGE: &str = r#"{% extends "base.html" %}
{% block title %}{{ page.title }} · {{ config.title }}{% endblock title %}
{% block main %}
<article class="record">
<h1>{{ page.title }}</h1>
<p class="meta"><time datetime="{{ page.date }}">{{ page.date | date(format="%-d. %B %Y") }}</time>{% for t in page.taxonomies.town | default(value=[]) %} · <a href="{{ get_taxonomy_url(kind="town", name=t, lang=lang) }}">{{ t }}</a>{% endfor %}</p>
{%- if page.extra.summary %}
<p class="lead">{{ page.extra.summary }}</p>
{%- endif %}
{{ page.content | safe }}
</article>
{% endblock main %}
"#;

const TOWN_LIST: &str = r#"{% extends "base.html" %}
{% block title %}{{ trans(key="collection_towns", lang=lang) }} · {{ config.title }}{% endblock title %}
{% block main %}
<h1>{{ trans(key="collection_towns", lang=lang) }}</h1>
<ul class="towns">
{%- for term in terms %}
<li><a href="{{ term.permalink }}">{{ term.name }}</a></li>
{%- endfor %}
</ul>
{% endblock main %}
"#;

const TOWN_SINGLE: &str = r#"{% extends "base.html" %}
{% block title %}{{ term.name }} · {{ config.title }}{% endblock title %}
{% block main %}
<article class="record">
<h1>{{ term.name }}</h1>
<h2>{{ term.pages | length }} · {{ trans(key="collection_events", lang=lang) }}</h2>
<ul class="records">
{%- for p in term.pages %}
<li><a href="{{ p.permalink }}">{{ p.title }}</a> <time datetime="{{ p.date }}">{{ p.date | date(format="%d.%m.%Y") }}</time></li>
{%- endfor %}
</ul>
</article>
{% endblock main %}
"#;

const NOT_FOUND: &str = r#"{% extends "base.html" %}
{% block main %}
<h1>{{ trans(key="not_found", lang=lang) }}</h1>
{% endblock main %}
"#;

/// The messages of one language, as TOML lines.
fn translations(lang: &str) -> &'static str {
    if lang == "lv" {
        r#"collection_events = "Pasākumi"
collection_towns = "Pilsētas"
latest_events = "Jaunākie pasākumi"
all_events = "Visi pasākumi"
pagination_prev = "Iepriekšējā lapa"
pagination_next = "Nākamā lapa"
footer = "Etalonvietne, izveidota ar Zola."
not_found = "Lapa nav atrasta"
"#
    } else {
        r#"collection_events = "Мероприятия"
collection_towns = "Города"
latest_events = "Последние мероприятия"
all_events = "Все мероприятия"
pagination_prev = "Предыдущая страница"
pagination_next = "Следующая страница"
footer = "Эталонный сайт, созданный с помощью Zola."
not_found = "Страница не найдена"
"#
    }
}

/// `config.toml`: Latvian by default, Russian under `/ru/`, Atom feeds, one `town` taxonomy.
fn config() -> String {
    format!(
        r#"# Generated by `cargo run --example corpus`: the Zola twin of the vestis benchmark site.
base_url = "https://bench.example.org"
title = "Vestis etalonvietne: pasākumi Latvijā"
default_language = "lv"
compile_sass = false
build_search_index = false
generate_feeds = true
feed_filenames = ["atom.xml"]
taxonomies = [{{ name = "town" }}]

[languages.ru]
title = "Эталонный сайт vestis: мероприятия в Латвии"
generate_feeds = true
feed_filenames = ["atom.xml"]
taxonomies = [{{ name = "town" }}]

[languages.ru.translations]
{}
[translations]
{}"#,
        translations("ru"),
        translations("lv")
    )
}

fn write_event(root: &Path, e: &Event) -> Result<()> {
    let town = TOWNS[e.town].0;
    for (lang, t) in LANGS.iter().zip(&e.texts) {
        let text = format!(
            "+++\ntitle = {}\ndate = {}\n\n[taxonomies]\ntown = [\"{town}\"]\n\n[extra]\nsummary = {}\n+++\n\n{}",
            quoted(&t.title),
            e.date,
            quoted(&t.summary),
            t.body
        );
        let suffix = if *lang == "lv" {
            String::new()
        } else {
            format!(".{lang}")
        };
        put(root, &format!("content/events/{}{suffix}.md", e.id), &text)?;
    }
    Ok(())
}

/// Writes the Zola site into `root`.
pub fn write(root: &Path, events: &[Event], _towns: &[Town]) -> Result<()> {
    put(root, "config.toml", &config())?;
    let templates = [
        ("templates/base.html", base()),
        ("templates/index.html", home()),
        ("templates/section.html", SECTION.to_string()),
        ("templates/page.html", PAGE.to_string()),
        ("templates/town/list.html", TOWN_LIST.to_string()),
        ("templates/town/single.html", TOWN_SINGLE.to_string()),
        ("templates/404.html", NOT_FOUND.to_string()),
        ("static/style.css", STYLE.to_string()),
    ];
    for (rel, text) in &templates {
        put(root, rel, text)?;
    }
    for (lang, name) in LANGS.iter().zip(["Pasākumi", "Мероприятия"]) {
        let suffix = if *lang == "lv" {
            String::new()
        } else {
            format!(".{lang}")
        };
        let text = format!(
            "+++\ntitle = {}\nsort_by = \"date\"\npaginate_by = {PER_PAGE}\n+++\n",
            quoted(name)
        );
        put(root, &format!("content/events/_index{suffix}.md"), &text)?;
    }
    for e in events {
        write_event(root, e)?;
    }
    Ok(())
}
