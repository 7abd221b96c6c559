//! The bench theme written into the vestis site: a base layout, the events list with
//! pagination, record pages, town pages listing their events (back-references), the home page
//! with the latest events, the chooser and 404, plus Fluent messages and one stylesheet.
//! `hugo.rs` holds the Hugo layouts that render the same pages.

use std::path::Path;

use anyhow::Result;

use super::put;

const BASE: &str = r#"<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ site.title }}{% endblock title %}</title>
<link rel="canonical" href="{{ current_permalink }}">
{%- for tr in translations %}{% if not (tr.missing | default(value=false)) %}
<link rel="alternate" hreflang="{{ tr.lang }}" href="{{ tr.permalink }}">
{%- endif %}{% endfor %}
<link rel="alternate" type="application/atom+xml" href="{{ site.base_path }}/{{ lang }}/atom.xml">
<link rel="stylesheet" href="{{ asset(path="style.css") }}">
</head>
<body>
<header class="site-header">
<a class="site-title" href="{{ site.base_path }}/{{ lang }}/">{{ site.title }}</a>
<nav class="site-nav"><ul>
{%- for c in site.collections %}
<li><a href="{{ c.url }}">{{ t(key="collection-" ~ c.name) }}</a></li>
{%- endfor %}
</ul></nav>
<nav class="lang-switch"><ul>
{%- for tr in translations %}
<li><a href="{{ tr.url }}" hreflang="{{ tr.lang }}" lang="{{ tr.lang }}">{{ tr.name }}</a></li>
{%- endfor %}
</ul></nav>
</header>
<main id="main">
{% block main %}{% endblock main %}
</main>
<footer class="site-footer"><p>{{ t(key="footer") }}</p></footer>
</body>
</html>
"#;

const INDEX: &str = r#"{% extends "base.html" %}
{% block main %}
<h1>{{ site.title }}</h1>
<h2>{{ t(key="latest-events") }}</h2>
{%- set latest = records(collection="events") %}
<ul class="records">
{%- for r in latest[:10] %}
<li><a href="{{ r.url }}">{{ r.title }}</a> <time datetime="{{ r.date }}">{{ r.date | format_date(style="medium") }}</time></li>
{%- endfor %}
</ul>
<p><a href="{{ url_for(collection="events") }}">{{ t(key="all-events") }}</a></p>
{% endblock main %}
"#;

const EVENTS_LIST: &str = r#"{% extends "base.html" %}
{% block title %}{{ t(key="collection-events") }} · {{ site.title }}{% endblock title %}
{% block main %}
<h1>{{ t(key="collection-events") }}</h1>
<p class="muted">{{ t(key="pagination-status", current=paginator.current, total=paginator.total) }}</p>
<ul class="records">
{%- for r in records %}
<li class="card">
<h2><a href="{{ r.url }}">{{ r.title }}</a></h2>
<p class="meta"><time datetime="{{ r.date }}">{{ r.date | format_date(style="medium") }}</time> · <a href="{{ r.town.url }}">{{ r.town.title }}</a></p>
{%- if r.summary %}
<p>{{ r.summary }}</p>
{%- endif %}
</li>
{%- endfor %}
</ul>
<nav class="pagination"><ul>
{%- if paginator.prev_url %}
<li><a href="{{ paginator.prev_url }}" rel="prev">{{ t(key="pagination-prev") }}</a></li>
{%- endif %}
{%- if paginator.next_url %}
<li><a href="{{ paginator.next_url }}" rel="next">{{ t(key="pagination-next") }}</a></li>
{%- endif %}
</ul></nav>
{% endblock main %}
"#;

const TOWNS_LIST: &str = r#"{% extends "base.html" %}
{% block title %}{{ t(key="collection-towns") }} · {{ site.title }}{% endblock title %}
{% block main %}
<h1>{{ t(key="collection-towns") }}</h1>
<ul class="towns">
{%- for r in records %}
<li><a href="{{ r.url }}">{{ r.title }}</a></li>
{%- endfor %}
</ul>
{% endblock main %}
"#;

const RECORD: &str = r#"{% extends "base.html" %}
{% block title %}{{ page.title }} · {{ site.title }}{% endblock title %}
{% block main %}
<article class="record">
<h1>{{ page.title }}</h1>
<p class="meta"><time datetime="{{ page.date }}">{{ page.date | format_date(style="long") }}</time> · <a href="{{ page.town.url }}">{{ page.town.title }}</a></p>
{%- if page.summary %}
<p class="lead">{{ page.summary }}</p>
{%- endif %}
{{ page.body | safe }}
</article>
{% endblock main %}
"#;

const TOWN_RECORD: &str = r#"{% extends "base.html" %}
{% block title %}{{ page.title }} · {{ site.title }}{% endblock title %}
{% block main %}
<article class="record">
<h1>{{ page.title }}</h1>
{{ page.body | safe }}
{%- set events = page.backrefs.events %}
<h2>{{ t(key="town-events", count=events | length) }}</h2>
<ul class="records">
{%- for r in events %}
<li><a href="{{ r.url }}">{{ r.title }}</a> <time datetime="{{ r.date }}">{{ r.date | format_date(style="medium") }}</time></li>
{%- endfor %}
</ul>
</article>
{% endblock main %}
"#;

const CHOOSER: &str = r#"<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<title>{{ site.title }}</title>
<link rel="canonical" href="{{ current_permalink }}">
<meta http-equiv="refresh" content="0; url={{ site.base_path }}/{{ site.default_language }}/">
</head>
<body>
<ul>
{%- for l in site.languages %}
<li><a href="{{ l.url }}" hreflang="{{ l.code }}" lang="{{ l.code }}">{{ l.name }}</a></li>
{%- endfor %}
</ul>
</body>
</html>
"#;

const NOT_FOUND: &str = r#"{% extends "base.html" %}
{% block title %}{{ t(key="not-found") }}{% endblock title %}
{% block main %}
<h1>{{ t(key="not-found") }}</h1>
{% endblock main %}
"#;

const LV_FTL: &str = r#"collection-events = Pasākumi
collection-towns = Pilsētas
latest-events = Jaunākie pasākumi
all-events = Visi pasākumi
pagination-prev = Iepriekšējā lapa
pagination-next = Nākamā lapa
pagination-status = { $current }. lapa no { $total }
town-events =
    { $count ->
        [zero] { $count } pasākumu šajā pilsētā
        [one] { $count } pasākums šajā pilsētā
       *[other] { $count } pasākumi šajā pilsētā
    }
footer = Etalonvietne, izveidota ar vestis.
not-found = Lapa nav atrasta
"#;

const RU_FTL: &str = r#"collection-events = Мероприятия
collection-towns = Города
latest-events = Последние мероприятия
all-events = Все мероприятия
pagination-prev = Предыдущая страница
pagination-next = Следующая страница
pagination-status = Страница { $current } из { $total }
town-events =
    { $count ->
        [one] { $count } мероприятие в этом городе
        [few] { $count } мероприятия в этом городе
        [many] { $count } мероприятий в этом городе
       *[other] { $count } мероприятия в этом городе
    }
footer = Эталонный сайт, созданный с помощью vestis.
not-found = Страница не найдена
"#;

/// The stylesheet, shared with the Hugo twin.
pub const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:50rem;margin:0 auto;\
padding:1rem;line-height:1.5}\n.site-nav ul,.lang-switch ul,.pagination ul{display:flex;\
gap:1rem;list-style:none;padding:0}\n.meta,.muted{color:#555}\n.card h2{font-size:1.2rem}\n";

/// Writes `themes/bench/` into the site at `root`.
pub fn write(root: &Path) -> Result<()> {
    let files = [
        ("templates/base.html", BASE),
        ("templates/index.html", INDEX),
        ("templates/list.html", EVENTS_LIST),
        ("templates/towns/list.html", TOWNS_LIST),
        ("templates/record.html", RECORD),
        ("templates/towns/record.html", TOWN_RECORD),
        ("templates/chooser.html", CHOOSER),
        ("templates/404.html", NOT_FOUND),
        ("locales/lv/bench.ftl", LV_FTL),
        ("locales/ru/bench.ftl", RU_FTL),
        ("static/style.css", STYLE),
    ];
    for (rel, text) in files {
        put(root, &format!("themes/bench/{rel}"), text)?;
    }
    Ok(())
}
