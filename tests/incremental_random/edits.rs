//! The random edits of `tests/incremental_random.rs`: each one changes the files of a site (a
//! temporary copy of a fixture) the way a person would while `vestis serve` runs, or moves the
//! clock, and says which paths it touched, as the file watcher would report them.
//!
//! Edits read the site as it is now (no model of it is kept), so any sequence of them applies.
//! Some make the site fail to build; a broken edit is always followed by its fix, and when
//! random edits leave the site broken for a while, the next edit restores the last state that
//! built (a `git checkout`, in effect).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::{Timestamp, ToSpan};

use super::rng::Rng;

/// Every file of the site: relative path → bytes.
type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

/// One edit done: what it was (for the failure report) and the paths it touched.
pub struct Edit {
    pub what: String,
    pub changed: Vec<PathBuf>,
}

/// The kinds of edit [`Site::edit`] makes.
pub const KINDS: usize = 15;

/// Builds that failed in a row before the next edit restores the last state that built.
const REPAIR_AFTER: u32 = 3;

/// The site being edited.
pub struct Site {
    root: PathBuf,
    /// The clock the builds run at (embargoes compare with it).
    pub now: Timestamp,
    /// Numbers new names and markers, so each edit writes something new.
    counter: u32,
    /// The files when the site last built.
    good: Snapshot,
    /// Failed builds in a row.
    failures: u32,
    /// The state to return to after a broken edit.
    fix: Option<Snapshot>,
    /// How many edits of each kind were made.
    pub made: BTreeMap<&'static str, usize>,
}

/// Words titles and bodies are made of: Latvian, Russian, and characters HTML must escape.
const WORDS: [&str; 12] = [
    "Šovs",
    "Rēzekne",
    "skatuve",
    "Сцена",
    "мероприятие",
    "ātri",
    "<b>x</b>",
    "A & B",
    "it's",
    "Ēna",
    "zaļš",
    "Жёлтый",
];

const SLUGS: [&str; 5] = ["sovs", "skatuve", "jauns", "auto", "a-b"];

impl Site {
    /// The site at `root` (which builds), with the clock at `now`.
    pub fn new(root: &Path, now: Timestamp) -> Self {
        let mut site = Site {
            root: root.to_path_buf(),
            now,
            counter: 0,
            good: Snapshot::new(),
            failures: 0,
            fix: None,
            made: BTreeMap::new(),
        };
        site.good = site.snapshot();
        site
    }

    /// Tells whether the site, as the last edit left it, builds.
    pub fn built(&mut self, ok: bool) {
        if ok {
            self.good = self.snapshot();
            self.failures = 0;
        } else {
            self.failures += 1;
        }
    }

    /// Makes one random edit (or the fix a broken edit or a broken site calls for).
    pub fn edit(&mut self, rng: &mut Rng) -> Edit {
        self.counter += 1;
        if let Some(before) = self.fix.take() {
            return self.restore(&before, "fix the broken edit");
        }
        if self.failures >= REPAIR_AFTER {
            self.failures = 0;
            let good = self.good.clone();
            return self.restore(&good, "restore the last state that built");
        }
        loop {
            let (kind, made) = match rng.below(17) {
                0 | 1 => ("title", self.title(rng)),
                2 | 3 => ("body", self.body(rng)),
                4 => ("date", self.date(rng)),
                5 => ("slug", self.slug(rng)),
                6 => ("reference", self.reference(rng)),
                7 => ("new record", self.new_record(rng)),
                8 => ("deleted record", self.delete_record(rng)),
                9 => ("renamed record", self.rename_record(rng)),
                10 => ("draft", self.draft(rng)),
                11 => ("embargo or clock", self.embargo(rng)),
                12 => ("template", self.template(rng)),
                13 => ("message", self.message(rng)),
                14 => ("static file", self.static_file(rng)),
                15 => ("site.yaml", self.config(rng)),
                _ => ("broken, then fixed", self.broken(rng)),
            };
            if let Some(edit) = made {
                *self.made.entry(kind).or_default() += 1;
                return edit;
            }
        }
    }

    fn title(&mut self, rng: &mut Rng) -> Option<Edit> {
        let text = rng.pick(&self.texts())?.clone();
        let words = 1 + rng.below(3);
        let title = format!("\"{}\"", phrase(rng, words));
        self.set_front(&text, "title", Some(&title))
    }

    fn body(&mut self, rng: &mut Rng) -> Option<Edit> {
        let text = rng.pick(&self.texts())?.clone();
        let old = self.read(&text)?;
        let (front, _) = split_front(&old)?;
        let mut body = String::new();
        for _ in 0..1 + rng.below(3) {
            match rng.below(5) {
                0 => body.push_str(&format!("## {}\n\n", phrase(rng, 2))),
                1 => body.push_str(&format!("- {}\n- *{}*\n\n", phrase(rng, 1), phrase(rng, 1))),
                2 | 3 => {
                    let collection = ["events", "towns", "plays"][rng.below(3)];
                    let id = rng.pick(&self.ids(collection))?.clone();
                    body.push_str(&format!(
                        "Skat. [{}](@/{collection}/{id}).\n\n",
                        phrase(rng, 1)
                    ));
                }
                _ => body.push_str(&format!("{}.\n\n", phrase(rng, 4))),
            }
        }
        let what = format!("body of {} = {body:?}", text.display());
        Some(self.write(&text, &format!("{front}{body}"), what))
    }

    fn date(&mut self, rng: &mut Rng) -> Option<Edit> {
        let yaml = rng.pick(&self.yamls())?.clone();
        let date = format!(
            "{}-{:02}-{:02}",
            2012 + rng.below(20),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        self.set_line(&yaml, "date", Some(&date))
    }

    fn slug(&mut self, rng: &mut Rng) -> Option<Edit> {
        let text = rng.pick(&self.texts())?.clone();
        let slug = rng.chance(70).then(|| *rng.pick(&SLUGS).unwrap_or(&"x"));
        self.set_front(&text, "slug", slug)
    }

    fn reference(&mut self, rng: &mut Rng) -> Option<Edit> {
        let yaml = rng.pick(&self.yamls())?.clone();
        if rng.chance(60) {
            let town = rng.pick(&self.ids("towns"))?.clone();
            return self.set_line(&yaml, "town", Some(&town));
        }
        let plays = self.ids("plays");
        let chosen: Vec<&String> = plays.iter().filter(|_| rng.chance(50)).collect();
        let list = format!(
            "[{}]",
            chosen
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        self.set_line(&yaml, "plays", (!chosen.is_empty()).then_some(&list))
    }

    fn new_record(&mut self, rng: &mut Rng) -> Option<Edit> {
        let collection = ["events", "towns", "plays", "pages"][rng.below(4)];
        let id = format!("new-{}", self.counter);
        let dir = Path::new("content").join(collection);
        let mut changed = Vec::new();
        if collection == "events" {
            let town = rng.pick(&self.ids("towns"))?.clone();
            let yaml = format!(
                "date: 2016-0{}-1{}\ntown: {town}\n",
                1 + rng.below(9),
                rng.below(10)
            );
            changed.extend(
                self.write(&dir.join(format!("{id}.yaml")), &yaml, String::new())
                    .changed,
            );
        }
        for lang in ["lv", "ru"] {
            if lang == "lv" || rng.chance(50) {
                let text = format!(
                    "---\ntitle: \"{}\"\n---\n{}.\n",
                    phrase(rng, 2),
                    phrase(rng, 3)
                );
                let path = dir.join(format!("{id}.{lang}.md"));
                changed.extend(self.write(&path, &text, String::new()).changed);
            }
        }
        let what = format!("new record {collection}/{id}: {changed:?}");
        Some(Edit { what, changed })
    }

    fn delete_record(&mut self, rng: &mut Rng) -> Option<Edit> {
        let (collection, id) = self.any_record(rng)?;
        let translation = Path::new("content")
            .join(&collection)
            .join(format!("{id}.ru.md"));
        if rng.chance(30) && self.root.join(&translation).exists() {
            // Only a translation goes: the record stays, without its Russian text.
            std::fs::remove_file(self.root.join(&translation)).ok()?;
            let what = format!("delete the translation {}", translation.display());
            return Some(Edit {
                what,
                changed: vec![translation],
            });
        }
        let mut changed = self.record_files(&collection, &id);
        for path in &changed {
            let full = self.root.join(path);
            if full.is_dir() {
                std::fs::remove_dir_all(full).ok()?;
            } else {
                std::fs::remove_file(full).ok()?;
            }
        }
        // Mostly the references move to another record; else they dangle.
        let others: Vec<String> = self.ids(&collection);
        if let Some(other) = rng.pick(&others).filter(|_| rng.chance(80)) {
            changed.extend(self.retarget(&collection, &id, other));
        }
        let what = format!("delete record {collection}/{id}: {changed:?}");
        Some(Edit { what, changed })
    }

    fn rename_record(&mut self, rng: &mut Rng) -> Option<Edit> {
        let (collection, id) = self.any_record(rng)?;
        let new_id = format!("renamed-{}", self.counter);
        let mut changed = Vec::new();
        for path in self.record_files(&collection, &id) {
            let name = path.file_name()?.to_str()?;
            let to = path.with_file_name(format!("{new_id}{}", &name[id.len()..]));
            std::fs::rename(self.root.join(&path), self.root.join(&to)).ok()?;
            changed.extend([path, to]);
        }
        if rng.chance(80) {
            changed.extend(self.retarget(&collection, &id, &new_id));
        }
        let what = format!("rename record {collection}/{id} to {new_id}: {changed:?}");
        Some(Edit { what, changed })
    }

    fn draft(&mut self, rng: &mut Rng) -> Option<Edit> {
        let yaml = rng.pick(&self.yamls())?.clone();
        let is_draft = self.read(&yaml)?.lines().any(|l| l == "draft: true");
        self.set_line(&yaml, "draft", (!is_draft).then_some("true"))
    }

    /// Sets or lifts an embargo, or moves the clock (past embargoes set before).
    fn embargo(&mut self, rng: &mut Rng) -> Option<Edit> {
        if rng.chance(50) {
            let days = 1 + rng.below(40) as i64;
            self.now = self.now.checked_add((days * 24).hours()).ok()?;
            let what = format!("the clock moves {days} days on, to {}", self.now);
            return Some(Edit {
                what,
                changed: Vec::new(),
            });
        }
        let yaml = rng.pick(&self.yamls())?.clone();
        let at = self
            .now
            .checked_add((rng.below(30 * 24) as i64 + 1).hours())
            .ok()?;
        let riga = at.in_tz("Europe/Riga").ok()?;
        let value = riga.strftime("%Y-%m-%d %H:%M").to_string();
        self.set_line(&yaml, "publish_at", rng.chance(75).then_some(&value))
    }

    fn template(&mut self, rng: &mut Rng) -> Option<Edit> {
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
    fn partial(&mut self, rng: &mut Rng) -> Option<Edit> {
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
    fn component(&mut self, rng: &mut Rng) -> Option<Edit> {
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

    fn message(&mut self, rng: &mut Rng) -> Option<Edit> {
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

    fn static_file(&mut self, rng: &mut Rng) -> Option<Edit> {
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

    fn config(&mut self, rng: &mut Rng) -> Option<Edit> {
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

    /// An edit that breaks the build; the next edit restores what was before.
    fn broken(&mut self, rng: &mut Rng) -> Option<Edit> {
        let before = self.snapshot();
        let edit = match rng.below(6) {
            0 => {
                let text = rng.pick(&self.texts())?.clone();
                self.set_front(&text, "title", None)
            }
            1 => {
                let yaml = rng.pick(&self.yamls())?.clone();
                self.set_line(
                    &yaml,
                    "date",
                    Some(["[", "2013-02-30", "someday"][rng.below(3)]),
                )
            }
            2 => {
                let yaml = rng.pick(&self.yamls())?.clone();
                self.set_line(&yaml, "town", Some("nowhere"))
            }
            3 => {
                let file = PathBuf::from("themes/test/templates/list.html");
                let text = self
                    .read(&file)?
                    .replace("{% endblock %}", "{% if %}{% endblock %}");
                Some(self.write(&file, &text, format!("broken template {}", file.display())))
            }
            4 => {
                let file = PathBuf::from("locales/lv/site.ftl");
                let text = self.read(&file)? + "broken = { $\n";
                Some(self.write(&file, &text, "broken message in locales/lv/site.ftl".into()))
            }
            _ => {
                let file = PathBuf::from("site.yaml");
                let text = self.read(&file)?;
                let line = find_line(&text, "    paginate:")?;
                let text = replace_once(&text, &line, "    paginate: many")?;
                Some(self.write(&file, &text, "site.yaml: paginate: many".into()))
            }
        }?;
        self.fix = Some(before);
        Some(Edit {
            what: format!("BROKEN {}", edit.what),
            changed: edit.changed,
        })
    }

    /// Brings the files back to `snapshot`: writes what differs, deletes what was added
    /// (and folders left empty).
    fn restore(&mut self, snapshot: &Snapshot, why: &str) -> Edit {
        let now = self.snapshot();
        let mut changed = Vec::new();
        for (path, bytes) in snapshot {
            if now.get(path) != Some(bytes) {
                let full = self.root.join(path);
                if let Some(parent) = full.parent() {
                    std::fs::create_dir_all(parent).unwrap();
                }
                std::fs::write(full, bytes).unwrap();
                changed.push(path.clone());
            }
        }
        for path in now.keys().filter(|p| !snapshot.contains_key(*p)) {
            std::fs::remove_file(self.root.join(path)).unwrap();
            changed.push(path.clone());
            let parent = path.parent().map(|p| self.root.join(p));
            if let Some(dir) = parent.filter(|d| d.read_dir().is_ok_and(|mut e| e.next().is_none()))
            {
                std::fs::remove_dir(&dir).unwrap();
                changed.push(dir.strip_prefix(&self.root).unwrap().to_path_buf());
            }
        }
        Edit {
            what: format!("{why}: {changed:?}"),
            changed,
        }
    }

    /// Points the references to `collection/old` (ref fields, links in texts) at `new`; returns
    /// the files changed.
    fn retarget(&self, collection: &str, old: &str, new: &str) -> Vec<PathBuf> {
        let mut changed = Vec::new();
        for (path, bytes) in self.snapshot() {
            let Ok(text) = String::from_utf8(bytes) else {
                continue;
            };
            if !path.starts_with("content") {
                continue;
            }
            let link = |id: &str| format!("(@/{collection}/{id})");
            let mut lines: Vec<String> = Vec::new();
            for line in text.replace(&link(old), &link(new)).lines() {
                let line = match (collection, line.split_once(": ")) {
                    ("towns", Some(("town", id))) if id == old => format!("town: {new}"),
                    ("plays", Some(("plays", list))) => {
                        let ids = list.trim_matches(['[', ']']).split(", ");
                        let ids: Vec<&str> =
                            ids.map(|id| if id == old { new } else { id }).collect();
                        format!("plays: [{}]", ids.join(", "))
                    }
                    _ => line.to_string(),
                };
                lines.push(line + "\n");
            }
            let retargeted: String = lines.concat();
            if retargeted != text {
                self.write(&path, &retargeted, String::new());
                changed.push(path);
            }
        }
        changed
    }

    fn snapshot(&self) -> Snapshot {
        walkdir::WalkDir::new(&self.root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&self.root).unwrap().to_path_buf();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect()
    }

    fn read(&self, path: &Path) -> Option<String> {
        std::fs::read_to_string(self.root.join(path)).ok()
    }

    fn write(&self, path: &Path, text: &str, what: String) -> Edit {
        let full = self.root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
        Edit {
            what,
            changed: vec![path.to_path_buf()],
        }
    }

    /// Sets (or with `None` removes) `key:` in a text's front matter.
    fn set_front(&self, text: &Path, key: &str, value: Option<&str>) -> Option<Edit> {
        let old = self.read(text)?;
        let (front, body) = split_front(&old)?;
        let inner = &front[4..front.len() - 4];
        let new = format!("---\n{}---\n{body}", set_key(inner, key, value));
        let what = format!("{} of {} = {value:?}", key, text.display());
        Some(self.write(text, &new, what))
    }

    /// Sets (or with `None` removes) `key:` in a record's `.yaml`.
    fn set_line(&self, yaml: &Path, key: &str, value: Option<&str>) -> Option<Edit> {
        let old = self.read(yaml)?;
        let what = format!("{} of {} = {value:?}", key, yaml.display());
        Some(self.write(yaml, &set_key(&old, key, value), what))
    }

    /// Every record text (`content/<collection>/<id>.<lang>.md`).
    fn texts(&self) -> Vec<PathBuf> {
        let files = self.snapshot().into_keys();
        let texts =
            files.filter(|p| p.components().count() == 3 && p.to_string_lossy().ends_with(".md"));
        texts.collect()
    }

    /// Every event's `.yaml`.
    fn yamls(&self) -> Vec<PathBuf> {
        let ids = self.ids("events");
        let yamls = ids
            .iter()
            .map(|id| Path::new("content/events").join(format!("{id}.yaml")));
        yamls.filter(|p| self.root.join(p).is_file()).collect()
    }

    /// The ids of a collection's records.
    fn ids(&self, collection: &str) -> Vec<String> {
        let dir = self.root.join("content").join(collection);
        let mut ids: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter_map(|e| {
                e.file_name()
                    .to_str()?
                    .split('.')
                    .next()
                    .map(str::to_string)
            })
            .filter(|id| !id.is_empty())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    fn any_record(&self, rng: &mut Rng) -> Option<(String, String)> {
        let collection = ["events", "events", "towns", "plays", "pages"][rng.below(5)];
        let id = rng.pick(&self.ids(collection))?.clone();
        Some((collection.to_string(), id))
    }

    /// The files (and folder) of a record, relative.
    fn record_files(&self, collection: &str, id: &str) -> Vec<PathBuf> {
        let dir = Path::new("content").join(collection);
        let entries = std::fs::read_dir(self.root.join(&dir))
            .into_iter()
            .flatten();
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_str().and_then(|n| n.split('.').next()) == Some(id))
            .map(|e| dir.join(e.file_name()))
            .collect();
        files.sort();
        files
    }
}

/// A text's front matter (with both `---` lines) and its body.
fn split_front(text: &str) -> Option<(&str, &str)> {
    let end = text.strip_prefix("---\n")?.find("\n---\n")? + 4 + 5;
    Some((&text[..end], &text[end..]))
}

/// `lines` with the line `key: …` set to `value` (added at the end when missing), or removed.
fn set_key(lines: &str, key: &str, value: Option<&str>) -> String {
    let prefix = format!("{key}:");
    let mut out: Vec<String> = Vec::new();
    let mut found = false;
    for line in lines.lines() {
        if line.starts_with(&prefix) {
            found = true;
            out.extend(value.map(|v| format!("{key}: {v}")));
        } else {
            out.push(line.to_string());
        }
    }
    if !found {
        out.extend(value.map(|v| format!("{key}: {v}")));
    }
    out.into_iter().map(|l| l + "\n").collect()
}

/// The first line holding `part`.
fn find_line(text: &str, part: &str) -> Option<String> {
    text.lines().find(|l| l.contains(part)).map(str::to_string)
}

fn replace_once(text: &str, old: &str, new: &str) -> Option<String> {
    text.contains(old).then(|| text.replacen(old, new, 1))
}

fn phrase(rng: &mut Rng, words: usize) -> String {
    let words: Vec<&str> = (0..words).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    words.join(" ")
}
