//! Benchmark corpus generator: a deterministic bilingual (lv + ru) vestis site with N event
//! records, ~50 towns with back-references, a paginated event list, feeds and a small bench
//! theme; optionally the same site in Hugo's and Zola's formats with equivalent layouts.
//!
//! ```text
//! cargo run --release --example corpus -- --records 10000 --out /dev/shm/v10k [--hugo /dev/shm/h10k] [--zola /dev/shm/z10k]
//! ```
//!
//! Everything comes from a seeded xorshift PRNG (no clock, no `rand`): the same arguments
//! always write byte-identical files. Each event has a `.yaml` (date, town) and one `.md` per
//! language of ~300 words of Markdown (paragraphs, a heading, a list) drawn from small word
//! lists with Latvian diacritics and Cyrillic. The output folders must not exist or be empty.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Parser;

mod hugo;
mod theme;
mod zola;

/// Command line.
#[derive(Parser, Debug)]
#[command(about = "Write a deterministic vestis benchmark site (and its Hugo twin)")]
struct Args {
    /// Number of event records (each in lv and ru).
    #[arg(long, default_value_t = 1000)]
    records: usize,
    /// Folder of the vestis site to write.
    #[arg(long)]
    out: PathBuf,
    /// Also write the same site in Hugo's format into this folder.
    #[arg(long)]
    hugo: Option<PathBuf>,
    /// Also write the same site in Zola's format (0.22) into this folder.
    #[arg(long)]
    zola: Option<PathBuf>,
    /// PRNG seed.
    #[arg(long, default_value_t = 0x5eed_5eed)]
    seed: u64,
}

/// The most distinct event days (from 1996 on: until the 2160s).
const DAYS: usize = 60_000;

/// Records per list page, on both sides.
pub const PER_PAGE: usize = 20;
/// Events shown on the home page.
pub const HOME_LATEST: usize = 10;

/// xorshift64*: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

/// The two languages, default first.
pub const LANGS: [&str; 2] = ["lv", "ru"];

const LV_WORDS: &[&str] = &[
    "biedrība",
    "pasākums",
    "integrācija",
    "mazākumtautības",
    "kultūra",
    "valoda",
    "sabiedrība",
    "jaunieši",
    "skolēni",
    "skolotāji",
    "pilsēta",
    "novads",
    "ģimene",
    "tradīcijas",
    "dziesmas",
    "dejas",
    "izrāde",
    "šovs",
    "dalībnieki",
    "brīvprātīgie",
    "sadarbība",
    "pieredze",
    "apmaiņa",
    "mācības",
    "nodarbības",
    "vakars",
    "svētki",
    "pašvaldība",
    "organizācija",
    "projekts",
    "līdzdalība",
    "tikšanās",
    "saruna",
    "diskusija",
    "vēsture",
    "mantojums",
    "kopiena",
    "latvieši",
    "krievi",
    "poļi",
    "baltkrievi",
    "ukraiņi",
    "lietuvieši",
    "ebreji",
    "čigāni",
    "draudzība",
    "cieņa",
    "dažādība",
    "vienotība",
    "nākotne",
    "aktīvi",
    "kopīgi",
    "plaši",
    "ļoti",
    "jauns",
    "skaists",
    "lielākais",
    "vietējais",
    "sirsnīgs",
    "interaktīvs",
    "piedalījās",
    "iepazinās",
    "uzstājās",
    "dziedāja",
    "stāstīja",
    "mācījās",
    "sagatavoja",
    "apmeklēja",
    "atbalstīja",
    "rīkoja",
    "un",
    "ar",
    "par",
    "kopā",
    "arī",
    "no",
    "uz",
    "pēc",
    "laikā",
    "ārā",
];

const RU_WORDS: &[&str] = &[
    "общество",
    "мероприятие",
    "интеграция",
    "нацменьшинства",
    "культура",
    "язык",
    "общественность",
    "молодёжь",
    "школьники",
    "учителя",
    "город",
    "край",
    "семья",
    "традиции",
    "песни",
    "танцы",
    "спектакль",
    "шоу",
    "участники",
    "волонтёры",
    "сотрудничество",
    "опыт",
    "обмен",
    "обучение",
    "занятия",
    "вечер",
    "праздник",
    "самоуправление",
    "организация",
    "проект",
    "участие",
    "встреча",
    "беседа",
    "дискуссия",
    "история",
    "наследие",
    "община",
    "латыши",
    "русские",
    "поляки",
    "белорусы",
    "украинцы",
    "литовцы",
    "евреи",
    "цыгане",
    "дружба",
    "уважение",
    "разнообразие",
    "единство",
    "будущее",
    "активно",
    "вместе",
    "широко",
    "очень",
    "новый",
    "красивый",
    "крупнейший",
    "местный",
    "сердечный",
    "интерактивный",
    "участвовали",
    "познакомились",
    "выступили",
    "пели",
    "рассказывали",
    "учились",
    "подготовили",
    "посетили",
    "поддержали",
    "организовали",
    "и",
    "с",
    "о",
    "вместе",
    "также",
    "из",
    "в",
    "после",
    "во время",
    "ёлка",
];

/// Towns: `(id, Latvian name, Russian name)`.
pub const TOWNS: &[(&str, &str, &str)] = &[
    ("riga", "Rīga", "Рига"),
    ("daugavpils", "Daugavpils", "Даугавпилс"),
    ("liepaja", "Liepāja", "Лиепая"),
    ("jelgava", "Jelgava", "Елгава"),
    ("jurmala", "Jūrmala", "Юрмала"),
    ("ventspils", "Ventspils", "Вентспилс"),
    ("rezekne", "Rēzekne", "Резекне"),
    ("valmiera", "Valmiera", "Валмиера"),
    ("jekabpils", "Jēkabpils", "Екабпилс"),
    ("ogre", "Ogre", "Огре"),
    ("tukums", "Tukums", "Тукумс"),
    ("cesis", "Cēsis", "Цесис"),
    ("salaspils", "Salaspils", "Саласпилс"),
    ("kuldiga", "Kuldīga", "Кулдига"),
    ("olaine", "Olaine", "Олайне"),
    ("saldus", "Saldus", "Салдус"),
    ("talsi", "Talsi", "Талси"),
    ("dobele", "Dobele", "Добеле"),
    ("kraslava", "Krāslava", "Краслава"),
    ("bauska", "Bauska", "Бауска"),
    ("ludza", "Ludza", "Лудза"),
    ("sigulda", "Sigulda", "Сигулда"),
    ("livani", "Līvāni", "Ливаны"),
    ("gulbene", "Gulbene", "Гулбене"),
    ("madona", "Madona", "Мадона"),
    ("limbazi", "Limbaži", "Лимбажи"),
    ("aizkraukle", "Aizkraukle", "Айзкраукле"),
    ("preili", "Preiļi", "Прейли"),
    ("balvi", "Balvi", "Балви"),
    ("aluksne", "Alūksne", "Алуксне"),
    ("smiltene", "Smiltene", "Смилтене"),
    ("valka", "Valka", "Валка"),
    ("adazi", "Ādaži", "Адажи"),
    ("kandava", "Kandava", "Кандава"),
    ("grobina", "Grobiņa", "Гробиня"),
    ("aizpute", "Aizpute", "Айзпуте"),
    ("auce", "Auce", "Ауце"),
    ("ilukste", "Ilūkste", "Илуксте"),
    ("vilani", "Viļāni", "Виляны"),
    ("karsava", "Kārsava", "Карсава"),
    ("zilupe", "Zilupe", "Зилупе"),
    ("dagda", "Dagda", "Дагда"),
    ("varaklani", "Varakļāni", "Варакляны"),
    ("rujiena", "Rūjiena", "Руиена"),
    ("mazsalaca", "Mazsalaca", "Мазсалаца"),
    ("sabile", "Sabile", "Сабиле"),
    ("skrunda", "Skrunda", "Скрунда"),
    ("priekule", "Priekule", "Приекуле"),
    ("salacgriva", "Salacgrīva", "Салацгрива"),
    ("lielvarde", "Lielvārde", "Лиелварде"),
];

/// One language's text of a record.
pub struct Text {
    pub title: String,
    pub summary: String,
    pub body: String,
}

/// One event record.
pub struct Event {
    pub id: String,
    /// ISO date, unique per event.
    pub date: String,
    /// Index into [`TOWNS`].
    pub town: usize,
    /// Text per language, in [`LANGS`] order.
    pub texts: [Text; 2],
}

/// One town's text per language: `(title, body)`.
pub struct Town {
    pub id: &'static str,
    pub texts: [(String, String); 2],
}

fn words_of(lang: &str) -> &'static [&'static str] {
    if lang == "lv" { LV_WORDS } else { RU_WORDS }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `n` words joined by spaces, the first capitalized.
fn phrase(rng: &mut Rng, words: &[&str], n: usize) -> String {
    let list: Vec<&str> = (0..n).map(|_| rng.pick(words)).collect();
    capitalize(&list.join(" "))
}

/// A sentence of 8–14 words, sometimes with an emphasised word; returns it and its word count.
fn sentence(rng: &mut Rng, words: &[&str]) -> (String, usize) {
    let n = rng.range(8, 14);
    let mut list: Vec<String> = (0..n).map(|_| rng.pick(words).to_string()).collect();
    if rng.below(4) == 0 {
        let i = rng.range(1, n - 1);
        list[i] = format!("**{}**", list[i]);
    }
    (format!("{}.", capitalize(&list.join(" "))), n)
}

/// A paragraph of 3–5 sentences; returns it and its word count.
fn paragraph(rng: &mut Rng, words: &[&str]) -> (String, usize) {
    let mut out = Vec::new();
    let mut count = 0;
    for _ in 0..rng.range(3, 5) {
        let (s, n) = sentence(rng, words);
        out.push(s);
        count += n;
    }
    (out.join(" "), count)
}

/// ~300 words of Markdown: two paragraphs, a heading, a list, then paragraphs up to 300 words.
fn body(rng: &mut Rng, words: &[&str]) -> String {
    let mut out = String::new();
    let mut count = 0;
    for _ in 0..2 {
        let (p, n) = paragraph(rng, words);
        count += n;
        let _ = write!(out, "{p}\n\n");
    }
    let n = rng.range(3, 5);
    let _ = write!(out, "## {}\n\n", phrase(rng, words, n));
    for _ in 0..4 {
        let n = rng.range(4, 8);
        count += n;
        let _ = writeln!(out, "- {};", phrase(rng, words, n));
    }
    out.push('\n');
    while count < 300 {
        let (p, n) = paragraph(rng, words);
        count += n;
        let _ = write!(out, "{p}\n\n");
    }
    out
}

/// ISO date of day `days` after 1970-01-01 (proleptic Gregorian; Hinnant's algorithm).
fn iso_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `0..n` in a seeded random order (Fisher–Yates).
fn permutation(rng: &mut Rng, n: usize) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        v.swap(i, rng.below(i + 1));
    }
    v
}

fn event_text(rng: &mut Rng, lang: &str, number: usize) -> Text {
    let words = words_of(lang);
    let label = if lang == "lv" { "Nr." } else { "№" };
    let n = rng.range(3, 6);
    let title = format!("{} ({label} {number})", phrase(rng, words, n));
    Text {
        title,
        summary: sentence(rng, words).0.replace("**", ""),
        body: body(rng, words),
    }
}

/// Every event, deterministic for a seed: unique dates from 1996-01-01 on, random towns.
pub fn events(n: usize, seed: u64) -> Vec<Event> {
    let mut rng = Rng::new(seed);
    let days = permutation(&mut rng, n);
    (0..n)
        .map(|i| Event {
            id: format!("event-{:05}", i + 1),
            // One day each up to DAYS records, then shared days: vestis accepts years to 2200.
            date: iso_date(9496 + (days[i] * n.min(DAYS) / n) as i64),
            town: rng.below(TOWNS.len()),
            texts: [
                event_text(&mut rng, "lv", i + 1),
                event_text(&mut rng, "ru", i + 1),
            ],
        })
        .collect()
}

/// Every town with a short text per language.
pub fn towns(seed: u64) -> Vec<Town> {
    let mut rng = Rng::new(seed ^ 0x7045);
    TOWNS
        .iter()
        .map(|&(id, lv, ru)| {
            let mut text = |name: &str, lang: &str| {
                let (p, _) = paragraph(&mut rng, words_of(lang));
                (name.to_string(), format!("{p}\n"))
            };
            Town {
                id,
                texts: [text(lv, "lv"), text(ru, "ru")],
            }
        })
        .collect()
}

/// Writes `text` to `root/rel`, creating folders.
pub fn put(root: &Path, rel: &str, text: &str) -> Result<()> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    fs::write(&path, text).with_context(|| format!("writing {}", path.display()))
}

/// Refuses a folder that exists and is not empty (never deletes anything).
fn check_empty(dir: &Path) -> Result<()> {
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        bail!("{} exists and is not empty", dir.display());
    }
    Ok(())
}

const SITE_YAML: &str = r#"# Generated by `cargo run --example corpus`: the vestis benchmark site.
title:
  lv: "Vestis etalonvietne: pasākumi Latvijā"
  ru: "Эталонный сайт vestis: мероприятия в Латвии"
base_url: "https://bench.example.org"
languages:
  - { code: lv, name: "Latviešu" }
  - { code: ru, name: "Русский" }
theme: bench
timezone: "Europe/Riga"
translations:
  missing: skip
output_dir: public
collections:
  events:
    path: { lv: pasakumi, ru: meropriyatiya }
    sort: date desc
    paginate: 20
    feed: true
    calendar: true
    fields:
      date: { type: date, required: true }
      town: { type: ref, to: towns, required: true }
  towns:
    path: { lv: pilsetas, ru: goroda }
    sort: title asc
    paginate: 0
    feed: false
    calendar: false
    fields: {}
"#;

/// Double-quoted YAML scalar (the generated text has no quotes or backslashes).
pub fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

fn write_vestis_event(root: &Path, e: &Event) -> Result<()> {
    let town = TOWNS[e.town].0;
    put(
        root,
        &format!("content/events/{}.yaml", e.id),
        &format!("date: {}\ntown: {town}\n", e.date),
    )?;
    for (lang, t) in LANGS.iter().zip(&e.texts) {
        let text = format!(
            "---\ntitle: {}\nsummary: {}\n---\n\n{}",
            quoted(&t.title),
            quoted(&t.summary),
            t.body
        );
        put(root, &format!("content/events/{}.{lang}.md", e.id), &text)?;
    }
    Ok(())
}

fn write_vestis_town(root: &Path, t: &Town) -> Result<()> {
    for (lang, (title, body)) in LANGS.iter().zip(&t.texts) {
        let text = format!("---\ntitle: {}\n---\n\n{body}", quoted(title));
        put(root, &format!("content/towns/{}.{lang}.md", t.id), &text)?;
    }
    Ok(())
}

/// Writes the vestis site.
fn write_vestis(root: &Path, events: &[Event], towns: &[Town]) -> Result<()> {
    check_empty(root)?;
    put(root, "site.yaml", SITE_YAML)?;
    theme::write(root)?;
    for e in events {
        write_vestis_event(root, e)?;
    }
    for t in towns {
        write_vestis_town(root, t)?;
    }
    Ok(())
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.records == 0 {
        bail!("--records must be at least 1");
    }
    let events = events(args.records, args.seed);
    let towns = towns(args.seed);
    write_vestis(&args.out, &events, &towns)?;
    println!(
        "vestis site: {} ({} events, {} towns)",
        args.out.display(),
        events.len(),
        towns.len()
    );
    if let Some(dir) = &args.hugo {
        check_empty(dir)?;
        hugo::write(dir, &events, &towns)?;
        println!("hugo site: {}", dir.display());
    }
    if let Some(dir) = &args.zola {
        check_empty(dir)?;
        zola::write(dir, &events, &towns)?;
        println!("zola site: {}", dir.display());
    }
    Ok(())
}
