//! The random edits of `tests/integration/incremental_random.rs`: each one changes the files of a site (a
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

use crate::incremental_random::rng::Rng;

#[path = "files.rs"]
mod files;
#[path = "theme_edits.rs"]
mod theme_edits;

use files::{find_line, replace_once, split_front};

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
        let value = format!("\"{}\"", phrase(rng, words));
        // Mostly the title; else another text field shown in pages and lists.
        let event = text.starts_with("content/events");
        let key = match rng.below(10) {
            0 => "summary",
            1 => "description",
            2 if event => "venue",
            _ => "title",
        };
        let value = (key == "title" || rng.chance(70)).then_some(value);
        self.set_front(&text, key, value.as_deref())
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
        // Mostly the date; else another field of the event (the home page sums two).
        let (key, value) = match rng.below(10) {
            0 => ("participants", rng.below(2000).to_string()),
            1 => ("budget", format!("{}.{}", rng.below(100000), rng.below(10))),
            2 => ("kind", ["show", "stage"][rng.below(2)].to_string()),
            3 => ("free", rng.chance(50).to_string()),
            4 => (
                "starts",
                format!("{date} {:02}:{:02}", rng.below(24), rng.below(60)),
            ),
            _ => ("date", date),
        };
        let value = (key == "date" || rng.chance(75)).then_some(value);
        self.set_line(&yaml, key, value.as_deref())
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
}

fn phrase(rng: &mut Rng, words: usize) -> String {
    let words: Vec<&str> = (0..words).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    words.join(" ")
}
