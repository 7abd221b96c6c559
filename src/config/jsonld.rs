//! A collection's `jsonld:` mapping in site.yaml: the schema.org type its records are described
//! as, and which of its fields feed which properties. Every field it names is checked to exist
//! with the right kind, and a default (`date`, `end_date`, `town`, `venue`) is taken only when
//! the collection has such a field. What is written from it is `crate::share`'s business.

use indexmap::IndexMap;
use serde::Deserialize;

use super::{FieldKind, FieldSpec, Resolver};
use crate::diagnostics::did_you_mean;
use crate::yaml::Located;

/// Schema.org types a collection may map to, by the properties vestis fills in for them.
const EVENT_TYPES: &[&str] = &[
    "Event",
    "TheaterEvent",
    "BroadcastEvent",
    "EducationEvent",
    "ExhibitionEvent",
    "Festival",
    "MusicEvent",
    "SocialEvent",
    "ScreeningEvent",
    "LiteraryEvent",
    "DanceEvent",
    "BusinessEvent",
];
const ARTICLE_TYPES: &[&str] = &["Article", "NewsArticle", "Report", "BlogPosting"];
const WORK_TYPES: &[&str] = &["CreativeWork", "Play", "Book", "VisualArtwork", "Poster"];
const PLACE_TYPES: &[&str] = &["Place", "City", "AdministrativeArea"];
const EVENT_STATUSES: &[&str] = &[
    "EventScheduled",
    "EventCancelled",
    "EventPostponed",
    "EventRescheduled",
    "EventMovedOnline",
];
const ATTENDANCE_MODES: &[&str] = &[
    "OfflineEventAttendanceMode",
    "OnlineEventAttendanceMode",
    "MixedEventAttendanceMode",
];

/// Which group of schema.org types a mapping belongs to (what vestis fills in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonLdFamily {
    /// `Event` and its subtypes: dates, place, organiser.
    Event,
    /// `Article`, `NewsArticle`…: headline, publication date, publisher.
    Article,
    /// `CreativeWork`, `Play`…: name, author, date created.
    Work,
    /// `Place`, `City`: name and postal address.
    Place,
}

/// A collection's `jsonld:` mapping, resolved: the type and the fields that feed its
/// properties (each one checked to exist with the right kind).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct JsonLd {
    /// The schema.org type (`TheaterEvent`).
    pub type_name: String,
    /// Its group.
    pub family: JsonLdFamily,
    /// A `date`/`datetime` field: `startDate`, `datePublished`, `dateCreated`.
    pub start: Option<String>,
    /// A `date`/`datetime` field: `endDate`.
    pub end: Option<String>,
    /// A `ref` field whose record is the `location` (a town: its title and `region`,
    /// `country` become the postal address).
    pub place: Option<String>,
    /// A text field naming the venue (the `location`'s name).
    pub venue: Option<String>,
    /// A `ref` field: `about` (articles), `broadcastOfEvent` (broadcasts).
    pub about: Option<String>,
    /// A text field: the channel a `BroadcastEvent` is `publishedOn`.
    pub channel: Option<String>,
    /// A text field: the `author` of a work.
    pub author: Option<String>,
    /// A text field: an article's `publisher` (the site's organisation when not given).
    pub publisher: Option<String>,
    /// An `int` field of minutes: `duration`.
    pub minutes: Option<String>,
    /// `eventStatus` (schema.org name, default `EventScheduled`).
    pub status: String,
    /// `eventAttendanceMode` (default `OfflineEventAttendanceMode`).
    pub attendance: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawJsonLd {
    #[serde(rename = "type")]
    type_name: Located<String>,
    #[serde(default)]
    start: Option<Located<String>>,
    #[serde(default)]
    end: Option<Located<String>>,
    #[serde(default)]
    place: Option<Located<String>>,
    #[serde(default)]
    venue: Option<Located<String>>,
    #[serde(default)]
    about: Option<Located<String>>,
    #[serde(default)]
    channel: Option<Located<String>>,
    #[serde(default)]
    author: Option<Located<String>>,
    #[serde(default)]
    publisher: Option<Located<String>>,
    #[serde(default)]
    minutes: Option<Located<String>>,
    #[serde(default)]
    status: Option<Located<String>>,
    #[serde(default)]
    attendance: Option<Located<String>>,
}

/// What a role's field must be.
#[derive(Clone, Copy)]
enum Wanted {
    Date,
    Ref,
    Text,
    Int,
}

impl Wanted {
    fn accepts(self, kind: &FieldKind) -> bool {
        match self {
            Wanted::Date => matches!(kind, FieldKind::Date | FieldKind::DateTime),
            Wanted::Ref => match kind {
                FieldKind::List(of) => matches!(**of, FieldKind::Ref(_)),
                other => matches!(other, FieldKind::Ref(_)),
            },
            Wanted::Text => matches!(kind, FieldKind::String | FieldKind::Enum(_)),
            Wanted::Int => matches!(kind, FieldKind::Int { .. }),
        }
    }

    fn words(self) -> &'static str {
        match self {
            Wanted::Date => "a `date` or `datetime` field",
            Wanted::Ref => "a `ref` field (or a list of refs)",
            Wanted::Text => "a `string` field",
            Wanted::Int => "an `int` field",
        }
    }
}

impl Resolver<'_> {
    /// A collection's `jsonld:` mapping, with every field it names checked.
    pub(super) fn jsonld(
        &mut self,
        collection: &str,
        raw: &RawJsonLd,
        fields: &IndexMap<String, FieldSpec>,
    ) -> Option<JsonLd> {
        let name = &raw.type_name.value;
        let families = [
            (EVENT_TYPES, JsonLdFamily::Event),
            (ARTICLE_TYPES, JsonLdFamily::Article),
            (WORK_TYPES, JsonLdFamily::Work),
            (PLACE_TYPES, JsonLdFamily::Place),
        ];
        let family = families
            .iter()
            .find(|(types, _)| types.contains(&name.as_str()))
            .map(|(_, f)| *f);
        if family.is_none() {
            let all = families.iter().flat_map(|(t, _)| t.iter().copied());
            let hint = did_you_mean(name, all).unwrap_or_else(|| {
                "use one of `Event`, `TheaterEvent`, `BroadcastEvent`, `NewsArticle`, `CreativeWork`, `Play`, `Place`".into()
            });
            self.error(
                raw.type_name.pos,
                format!("`jsonld.type` of `{collection}` is `{name}`, a schema.org type vestis cannot fill in"),
            )
            .suggestion = Some(hint);
        }
        let mut role =
            |key: &str, given: &Option<Located<String>>, default: Option<&str>, wanted: Wanted| {
                self.role(collection, key, given.as_ref(), default, wanted, fields)
            };
        let start = role("start", &raw.start, Some("date"), Wanted::Date);
        let end = role("end", &raw.end, Some("end_date"), Wanted::Date);
        let place = role("place", &raw.place, Some("town"), Wanted::Ref);
        let venue = role("venue", &raw.venue, Some("venue"), Wanted::Text);
        let about = role("about", &raw.about, None, Wanted::Ref);
        let channel = role("channel", &raw.channel, None, Wanted::Text);
        let author = role("author", &raw.author, None, Wanted::Text);
        let publisher = role("publisher", &raw.publisher, None, Wanted::Text);
        let minutes = role("minutes", &raw.minutes, None, Wanted::Int);
        let status = self.choice(collection, "status", raw.status.as_ref(), EVENT_STATUSES);
        let attendance = self.choice(
            collection,
            "attendance",
            raw.attendance.as_ref(),
            ATTENDANCE_MODES,
        );
        Some(JsonLd {
            type_name: name.clone(),
            family: family?,
            start,
            end,
            place,
            venue,
            about,
            channel,
            author,
            publisher,
            minutes,
            status,
            attendance,
        })
    }

    /// The field feeding one property: the one named (checked), else `default` when the
    /// collection has such a field of the right kind.
    fn role(
        &mut self,
        collection: &str,
        key: &str,
        given: Option<&Located<String>>,
        default: Option<&str>,
        wanted: Wanted,
        fields: &IndexMap<String, FieldSpec>,
    ) -> Option<String> {
        let Some(given) = given else {
            let default = default?;
            return fields
                .get(default)
                .filter(|spec| wanted.accepts(&spec.kind))
                .map(|_| default.to_string());
        };
        let field = &given.value;
        match fields.get(field) {
            Some(spec) if wanted.accepts(&spec.kind) => Some(field.clone()),
            Some(_) => {
                let fitting: Vec<String> = fields
                    .iter()
                    .filter(|(_, spec)| wanted.accepts(&spec.kind))
                    .map(|(name, _)| format!("`{name}`"))
                    .collect();
                let help = match fitting.as_slice() {
                    [] => format!("add {} to the collection's `fields`", wanted.words()),
                    [one] => format!("name {one} instead"),
                    many => format!("name one of {}", many.join(", ")),
                };
                self.error(
                    given.pos,
                    format!(
                        "`jsonld.{key}` of `{collection}` names `{field}`, but it must be {}",
                        wanted.words()
                    ),
                )
                .suggestion = Some(help);
                None
            }
            None => {
                let hint = did_you_mean(field, fields.keys().map(String::as_str));
                self.error(
                    given.pos,
                    format!("`jsonld.{key}` of `{collection}` names the field `{field}`, which the collection does not have"),
                )
                .suggestion = hint.or_else(|| Some("name one of the collection's `fields`".into()));
                None
            }
        }
    }

    /// `status` or `attendance`: one of `allowed` (schema.org names), the first by default.
    fn choice(
        &mut self,
        collection: &str,
        key: &str,
        given: Option<&Located<String>>,
        allowed: &[&str],
    ) -> String {
        let Some(given) = given else {
            return allowed[0].to_string();
        };
        if allowed.contains(&given.value.as_str()) {
            return given.value.clone();
        }
        let list: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
        let lower = given.value.to_ascii_lowercase();
        let close = allowed
            .iter()
            .find(|a| !lower.is_empty() && a.to_ascii_lowercase().contains(&lower))
            .map(|a| format!("did you mean `{a}`?"));
        self.error(
            given.pos,
            format!(
                "`jsonld.{key}` of `{collection}` is `{}`, which is not one of schema.org's names for it",
                given.value
            ),
        )
        .suggestion = Some(
            close
                .or_else(|| did_you_mean(&given.value, allowed.iter().copied()))
                .unwrap_or_else(|| format!("use one of {}", list.join(", "))),
        );
        allowed[0].to_string()
    }
}
