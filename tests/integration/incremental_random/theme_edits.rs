//! The random edits of the theme and the site's settings: templates (a marker, a
//! collection's own template, an included partial, a component), `.ftl` messages, static
//! files and `site.yaml`.

use std::path::{Path, PathBuf};

use super::files::{find_line, replace_once};
use super::{Edit, Site, phrase};
use crate::incremental_random::rng::Rng;

impl Site {
    pub(super) fn template(&mut self, rng: &mut Rng) -> Option<Edit> {
        let dir = Path::new("themes/test/templates");
        let towns = dir.join("towns/record.html");
        if rng.chance(20) {
            // A collection's own template appears, or goes.
            if self.root.join(&towns).exists() {
                std::fs::remove_file(self.root.join(&towns)).ok()?;
                let what = format!("delete template {}", towns.display());
                return Some(Edit {
                    what,
                    changed: vec![towns],
                });
            }
            let text = self.read(&dir.join("record.html"))?;
            let text = text.replace("<h1>", "<h1 class=\"town\">");
            return Some(self.write(&towns, &text, format!("new template {}", towns.display())));
        }
        if rng.chance(25) {
            return self.partial(rng);
        }
        if rng.chance(15) {
            return self.component(rng);
        }
        let names = [
            "base.html",
            "index.html",
            "list.html",
            "record.html",
            "events/record.html",
            "404.html",
        ];
        let file = dir.join(rng.pick(&names)?);
        let text = self.read(&file)?;
        let mark = format!("e{}", self.counter);
        let text = match text.find("<main") {
            Some(_) => replace_once(
                &text,
                "<main",
                &format!("<main data-{mark}=\"{}\"", rng.below(9)),
            )?,
            None => replace_once(
                &text,
                "{% block main %}",
                &format!("{{% block main %}}<i>{mark}</i>"),
            )?,
        };
        Some(self.write(
            &file,
            &text,
            format!("template {}: marker {mark}", file.display()),
        ))
    }

    /// A template included by `base.html` that lists records: it appears (with the include),
    /// changes, or goes.
    pub(super) fn partial(&mut self, rng: &mut Rng) -> Option<Edit> {
        let partial = PathBuf::from("themes/test/templates/partial.html");
        let base = PathBuf::from("themes/test/templates/base.html");
        let include = "{% include \"partial.html\" %}</main>";
        let collection = ["towns", "plays", "events"][rng.below(3)];
        // Written as people write it, with or without a space before the parenthesis.
        let call = ["records(", "records ("][rng.below(2)];
        let text = format!(
            "<p id=\"partial\">{{{{ {call}collection=\"{collection}\") | length }}}}: \
             {{% for r in {call}collection=\"{collection}\") %}}{{{{ r.title }}}} {{% endfor %}}</p>\n"
        );
        let exists = self.root.join(&partial).exists();
        if exists && rng.chance(30) {
            let html = self.read(&base)?.replace(include, "</main>");
            self.write(&base, &html, String::new());
            std::fs::remove_file(self.root.join(&partial)).ok()?;
            let what = "delete the partial template and its include".into();
            return Some(Edit {
                what,
                changed: vec![base, partial],
            });
        }
        let mut edit = self.write(
            &partial,
            &text,
            format!("partial template lists {collection} with `{call}…)`"),
        );
        if !exists {
            let html = replace_once(&self.read(&base)?, "</main>", include)?;
            edit.changed
                .extend(self.write(&base, &html, String::new()).changed);
        }
        Some(edit)
    }

    /// A component that lists towns, defined in a template of its own and used by the list
    /// pages: it appears, or goes.
    pub(super) fn component(&mut self, rng: &mut Rng) -> Option<Edit> {
        let file = PathBuf::from("themes/test/templates/components.html");
        let list = PathBuf::from("themes/test/templates/list.html");
        let call = "{% block main %}{{<town_count lang={lang}/>}}";
        if self.root.join(&file).exists() {
            let html = self.read(&list)?.replace(call, "{% block main %}");
            self.write(&list, &html, String::new());
            std::fs::remove_file(self.root.join(&file)).ok()?;
            let what = "delete the component and its use".into();
            return Some(Edit {
                what,
                changed: vec![list, file],
            });
        }
        let tag = ["{% component", "{%- component"][rng.below(2)];
        let text = format!(
            "{tag} town_count(lang) %}}<p id=\"towns\">{{% for t in records(collection=\"towns\") %}}\
             {{{{ t.title }}}} {{% endfor %}}</p>{{% endcomponent town_count %}}\n"
        );
        let mut edit = self.write(
            &file,
            &text,
            format!("a component, `{tag} …`, used by list.html"),
        );
        let html = replace_once(&self.read(&list)?, "{% block main %}", call)?;
        edit.changed
            .extend(self.write(&list, &html, String::new()).changed);
        Some(edit)
    }

    pub(super) fn message(&mut self, rng: &mut Rng) -> Option<Edit> {
        if rng.chance(20) {
            // A new .ftl file with a message the home page asks about (`has_message`), or it goes.
            let extra = PathBuf::from("locales/lv/extra.ftl");
            if self.root.join(&extra).exists() {
                std::fs::remove_file(self.root.join(&extra)).ok()?;
                let what = format!("delete {}", extra.display());
                return Some(Edit {
                    what,
                    changed: vec![extra],
                });
            }
            let text = format!("no-such-message = {}\n", phrase(rng, 2));
            return Some(self.write(&extra, &text, format!("new {}", extra.display())));
        }
        let files = [
            "locales/lv/site.ftl",
            "locales/ru/site.ftl",
            "themes/test/locales/lv/theme.ftl",
            "themes/test/locales/ru/theme.ftl",
        ];
        let file = PathBuf::from(rng.pick(&files)?);
        let text = self.read(&file)?;
        let lines: Vec<&str> = text.lines().collect();
        let single: Vec<usize> = (0..lines.len())
            .filter(|&i| {
                lines[i].contains(" = ") && !lines[i].ends_with("->") && !lines[i].starts_with(' ')
            })
            .collect();
        let i = *rng.pick(&single)?;
        let key = lines[i].split(" = ").next()?;
        let mut new: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        new[i] = format!("{key} = {}", phrase(rng, 2).replace(['{', '}'], ""));
        let what = format!("message {key} in {}: {:?}", file.display(), new[i]);
        Some(self.write(&file, &(new.join("\n") + "\n"), what))
    }

    pub(super) fn static_file(&mut self, rng: &mut Rng) -> Option<Edit> {
        let colour = format!("#{:06x}", rng.below(0x1000000));
        let (path, text) = match rng.below(4) {
            0 => (
                PathBuf::from("static/site.css"),
                format!("h1 {{ color: {colour}; }}\n"),
            ),
            1 => (
                PathBuf::from("themes/test/static/style.css"),
                format!("body {{ color: {colour}; }}\n"),
            ),
            2 if rng.chance(50) => (
                PathBuf::from("content/events/rezekne-stage/photo.svg"),
                format!(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"{colour}\"/></svg>\n"
                ),
            ),
            2 if rng.chance(30) => {
                // A file in an event's own folder (copied beside its page), new or gone.
                let id = rng.pick(&self.ids("events"))?.clone();
                let note = Path::new("content/events").join(id).join("note.txt");
                if self.root.join(&note).exists() {
                    std::fs::remove_file(self.root.join(&note)).ok()?;
                    let what = format!("delete {}", note.display());
                    return Some(Edit {
                        what,
                        changed: vec![note],
                    });
                }
                let folder = note.parent()?.to_path_buf();
                let new_folder = !self.root.join(&folder).exists();
                let text = format!("{}\n", phrase(rng, 2));
                let mut edit = self.write(&note, &text, format!("new {}", note.display()));
                // The watcher sees a new folder appear as well.
                edit.changed.extend(new_folder.then_some(folder));
                return Some(edit);
            }
            2 => (
                PathBuf::from("content/events/rezekne-stage/programme.txt"),
                format!("{}\n", phrase(rng, 3)),
            ),
            _ => {
                // A new file, or the site's own copy of the theme's stylesheet (which wins).
                let name = ["static/extra.txt", "static/style.css"][rng.below(2)];
                let extra = PathBuf::from(name);
                if self.root.join(&extra).exists() {
                    std::fs::remove_file(self.root.join(&extra)).ok()?;
                    let what = format!("delete {name}");
                    return Some(Edit {
                        what,
                        changed: vec![extra],
                    });
                }
                (extra, format!("p {{ color: {colour}; }}\n"))
            }
        };
        if !self.root.join(&path).parent()?.is_dir() {
            return None;
        }
        let what = format!("{} = {text:?}", path.display());
        Some(self.write(&path, &text, what))
    }

    pub(super) fn config(&mut self, rng: &mut Rng) -> Option<Edit> {
        let file = PathBuf::from("site.yaml");
        let text = self.read(&file)?;
        let (old, new) = match rng.below(4) {
            0 => (
                find_line(&text, "    paginate:")?,
                format!("    paginate: {}", 1 + rng.below(4)),
            ),
            1 => {
                let sort = ["date desc", "date asc", "title", "date"][rng.below(4)];
                (find_line(&text, "    sort: ")?, format!("    sort: {sort}"))
            }
            2 => (
                find_line(&text, "  lv: \"")?,
                format!("  lv: \"{}\"", phrase(rng, 2)),
            ),
            _ => {
                let path = ["pilsetas", "pilsetas-x", "vietas"][rng.below(3)];
                (
                    find_line(&text, ", ru: goroda }")?,
                    format!("    path: {{ lv: {path}, ru: goroda }}"),
                )
            }
        };
        let text = replace_once(&text, &old, &new)?;
        Some(self.write(&file, &text, format!("site.yaml: {old:?} -> {new:?}")))
    }
}
