//! The English shapes of vestis's messages about a record, and the Fluent ids that say them
//! again in the officer's language (`locales/<lang>/diag.ftl`).
//!
//! Kept apart from the matching code in [`super::diag`] because the lists are long. `{x}`
//! matches any text and becomes the argument `x`; more specific patterns come first.

/// `(Fluent id, English pattern)` of the messages.
pub(super) const MESSAGES: &[(&str, &str)] = &[
    (
        "diag-date",
        "field `{name}` expects a date like `2013-06-15`, found {found}",
    ),
    (
        "diag-datetime",
        "field `{name}` expects a date and time like `2013-06-15 18:30`, found {found}",
    ),
    (
        "diag-date-order",
        "field `{name}` is `{shown}`: dates are written year-month-day",
    ),
    (
        "diag-url",
        "field `{name}` expects an absolute http(s) URL, found {found}",
    ),
    (
        "diag-enum",
        "field `{name}` must be one of {values}, found {found}",
    ),
    (
        "diag-ref",
        "field `{name}` expects the id of a record of `{to}`, found {found}",
    ),
    (
        "diag-ref-missing",
        "field `{name}` refers to `{id}`, which is not a record of `{to}`",
    ),
    ("diag-required", "required field `{name}` has no value"),
    ("diag-missing", "missing required field `{name}`"),
    ("diag-min", "field `{name}` is {n}, below the minimum {min}"),
    ("diag-max", "field `{name}` is {n}, above the maximum {max}"),
    (
        "diag-type",
        "field `{name}` expects {expected}, found {found}",
    ),
    (
        "diag-placeholder",
        "`{name}` is still the placeholder `{value}`",
    ),
    (
        "diag-date-unpadded",
        "field `{name}` is `{shown}`: dates are written year-month-day with `-` and two-digit months and days",
    ),
    (
        "diag-date-month",
        "field `{name}` is `{shown}`, but there is no month {month}",
    ),
    (
        "diag-date-day",
        "field `{name}` is `{shown}`, but {month} has {days} days",
    ),
    (
        "diag-date-year",
        "field `{name}` is in the year {year}: vestis accepts years 1800 to 2200",
    ),
    (
        "diag-int-too-large",
        "field `{name}` is {n}, too large to be shown exactly: whole numbers may go from {min} to {max}",
    ),
    (
        "diag-localized-in-yaml",
        "field `{name}` is localized: it belongs in the front matter of each `{file}`, not in the `.yaml`",
    ),
    (
        "diag-file-not-found",
        "field `{name}`: file `{file}` not found",
    ),
    (
        "diag-video-srt",
        "field `{name}`: the captions `{file}` are SubRip; browsers only show WebVTT (`.vtt`), so they are left out",
    ),
    (
        "diag-video-poster",
        "field `{name}`: the poster `{file}` is not a picture",
    ),
    (
        "diag-video-format",
        "field `{name}`: `{ext}` files do not play in every browser",
    ),
    (
        "diag-video-misspelt-host",
        "field `{name}`: `{host}` looks like a misspelling of `{right}`",
    ),
    (
        "diag-video-no-https",
        "field `{name}`: `{url}` is a web address without `https://`",
    ),
    (
        "diag-video-vimeo-no-id",
        "field `{name}`: the Vimeo link does not say which video: it has no video number",
    ),
    (
        "diag-video-youtube-no-id",
        "field `{name}`: the YouTube link does not say which video: it has no video id",
    ),
    (
        "diag-video-youtube-channel",
        "field `{name}`: the YouTube link is a channel, not one video",
    ),
    (
        "diag-list-type",
        "`{name}` expects a list of old addresses, found {found}",
    ),
    (
        "diag-unknown-field",
        "unknown field `{name}` for collection `{collection}`",
    ),
    (
        "diag-unknown-gallery-setting",
        "unknown setting `{name}` of a photo of the gallery `{gallery}`",
    ),
    (
        "diag-unknown-photo-setting",
        "unknown setting `{name}` of the photo `{photo}`",
    ),
    (
        "diag-unknown-video-setting",
        "unknown setting `{name}` of the video `{video}`",
    ),
    (
        "diag-gallery-no-src",
        "a photo of the gallery `{gallery}` has no `src`",
    ),
    ("diag-photo-no-src", "the photo `{photo}` has no `src`"),
    (
        "diag-focus-range",
        "the `focus` of {subject} must be two numbers from 0 to 1 (how far across, how far down) or a place such as `top`, found {found}",
    ),
    (
        "diag-focus-place",
        "the `focus` of {subject} is `{value}`, which is not a place in a picture",
    ),
    (
        "diag-gallery-language",
        "`{lang}` is not a language of the site (in the `{what}` of a photo of `{gallery}`)",
    ),
    (
        "diag-unknown-language",
        "`{lang}` is not a language of this site",
    ),
    (
        "diag-unknown-language-site",
        "`{lang}` is not a language of the site",
    ),
    ("diag-bad-id", "`{id}` is not a valid record id"),
    (
        "diag-unknown-collection",
        "`{name}` is not a collection of site.yaml",
    ),
    (
        "diag-placeholder-file",
        "`{name}` is still the placeholder file `{file}` that `vestis new` made",
    ),
    (
        "diag-duplicate-key",
        "`{name}` is written twice: on line {line} and here",
    ),
    (
        "diag-alias-dots",
        "the alias `{alias}` contains `.` or `..`, which could point outside the site",
    ),
    (
        "diag-alias-home",
        "the alias `{alias}` is the site's home address, which is always a real page",
    ),
    (
        "diag-alias-query",
        "the alias `{alias}` has a `?` or `#` part, which a redirect page cannot answer",
    ),
    (
        "diag-alias-full-url",
        "the alias `{alias}` is a full web address; an alias is an old address on this site",
    ),
    (
        "diag-alias-real-page",
        "the alias `{alias}` is the address of a real page, which stays; no redirect is made there",
    ),
    (
        "diag-broken-anchor",
        "broken link `{link}`: the page `{page}` has no element with id `{anchor}` (on the page `{on}`)",
    ),
    (
        "diag-broken-record-link",
        "broken link `{link}`: no published record has this collection and id (on the page `{on}`)",
    ),
    (
        "diag-duplicate-url",
        "the page `{page}` is also produced by `{file}`",
    ),
    ("diag-empty-file", "the file is empty"),
    ("diag-not-utf8", "the file is not UTF-8 text"),
    (
        "diag-event-no-date",
        "Google shows this event in its search results only with a date: `{name}` is empty",
    ),
    (
        "diag-event-no-place",
        "Google shows this event in its search results only with a place and its address: `{name}` is empty",
    ),
    (
        "diag-missing-alt",
        "the image `{name}` has no alt text in the `{lang}` text: readers who cannot see it get nothing",
    ),
    ("diag-no-title", "the text has no `title`"),
    ("diag-no-front-matter", "the text has no front matter"),
    (
        "diag-not-written",
        "the text is not written yet: it is still the placeholder `vestis new` wrote",
    ),
    (
        "diag-not-translated",
        "the text is not translated yet: it is still the placeholder `vestis new` wrote",
    ),
    (
        "diag-untranslated-title",
        "the title is still the `{lang}` one (`{title}`) and the text is not translated yet",
    ),
    (
        "diag-slug-chars",
        "slug `{slug}` may only hold lowercase letters, digits and `-`",
    ),
    (
        "diag-slug-long",
        "the slug is {n} characters long; a web address part may have at most {max}",
    ),
    (
        "diag-captions-not-vtt",
        "the captions file is not WebVTT: it must begin with the line `WEBVTT`",
    ),
    (
        "diag-yaml-list-unclosed",
        "the list opened with `[` here is not closed",
    ),
    (
        "diag-yaml-colon",
        "{what} contains `: `, which YAML reads as the start of another field",
    ),
    (
        "diag-yaml-hash",
        "YAML reads everything from ` #` as a comment, so {what} is only `{kept}`",
    ),
    (
        "diag-yaml-quotes-inside",
        "{what} has quotes inside quotes: YAML takes this quote as the end of the text",
    ),
    (
        "diag-yaml-unclosed-quote",
        "the double quote that starts {what} is never closed",
    ),
    (
        "diag-yaml-not-dash",
        "this line is in the middle of a list but does not start with `- `",
    ),
    ("diag-yaml-no-space", "there is no space after `{key}`"),
    (
        "diag-yaml-over-indented",
        "this line is indented more than the line above it, so YAML cannot tell where it belongs",
    ),
    (
        "diag-yaml-tab",
        "this line is indented with a tab; YAML accepts only spaces for indenting",
    ),
    (
        "diag-broken-anchor-more1",
        "broken link `{link}`: the page `{page}` has no element with id `{anchor}` (on the page `{on}` and 1 other page)",
    ),
    (
        "diag-broken-anchor-more",
        "broken link `{link}`: the page `{page}` has no element with id `{anchor}` (on the page `{on}` and {n} other pages)",
    ),
    (
        "diag-broken-record-link-more1",
        "broken link `{link}`: no published record has this collection and id (on the page `{on}` and 1 other page)",
    ),
    (
        "diag-broken-record-link-more",
        "broken link `{link}`: no published record has this collection and id (on the page `{on}` and {n} other pages)",
    ),
    (
        "diag-broken-missing",
        "broken link `{link}`: the site has no page or file at `{path}` (on the page `{on}`)",
    ),
    (
        "diag-broken-missing-more1",
        "broken link `{link}`: the site has no page or file at `{path}` (on the page `{on}` and 1 other page)",
    ),
    (
        "diag-broken-missing-more",
        "broken link `{link}`: the site has no page or file at `{path}` (on the page `{on}` and {n} other pages)",
    ),
    ("diag-video-no-src", "the video `{name}` has no `src`"),
    (
        "diag-video-playlist",
        "field `{name}`: the YouTube link is a playlist, not one video",
    ),
    (
        "diag-video-id-short",
        "field `{name}`: the YouTube video id `{id}` is not complete: an id has 11 letters, digits, `-` or `_`",
    ),
    (
        "diag-video-start-time",
        "field `{name}`: the YouTube start time `t={t}` is not a time",
    ),
    (
        "diag-video-not-address",
        "field `{name}`: `{value}` is not a web address",
    ),
    (
        "diag-record-no-text",
        "the record has no text in any language",
    ),
    (
        "diag-record-no-lang-text",
        "the record `{id}` has no `{lang}` text",
    ),
    (
        "diag-yaml-missing",
        "`{file}` is missing; collection `{collection}` requires {fields}",
    ),
    ("diag-draft-bool", "`draft` expects `true` or `false`"),
    (
        "diag-publish-at",
        "`publish_at` expects a date and time like `2013-06-15 18:30`, found `{found}`",
    ),
    (
        "diag-belongs-in-text",
        "`{name}` belongs in the front matter of each `{file}`",
    ),
    ("diag-expects-text", "`{name}` expects text, found {found}"),
    (
        "diag-same-in-every-language",
        "field `{name}` is the same in every language: it belongs in `{file}`, not in the front matter",
    ),
    ("diag-belongs-in-yaml", "`{name}` belongs in `{file}`"),
    (
        "diag-missing-in-text",
        "missing required field `{name}` in the `{lang}` text",
    ),
    (
        "diag-path-outside",
        "field `{name}` must be a path inside the record's folder or `static/`, found `{found}`",
    ),
    (
        "diag-alias-shape",
        "an alias must be an old address like `{example}`, found {found}",
    ),
    (
        "diag-alias-not-here",
        "the alias `{alias}` is not an address on this site",
    ),
    (
        "diag-alias-backslash",
        "the alias `{alias}` contains a backslash or a control character",
    ),
    (
        "diag-gallery-text-lang",
        "the `{what}` of a photo of `{gallery}` in `{lang}` must be text, found {found}",
    ),
    (
        "diag-gallery-text-list",
        "the `{what}` of a photo of `{gallery}` must be text, found a list",
    ),
    (
        "diag-toml",
        "vestis reads YAML front matter between `---` lines, not TOML `+++`",
    ),
    ("diag-front-not-closed", "the front matter is not closed"),
    (
        "diag-folder-no-record",
        "folder `{name}/` belongs to no record",
    ),
    (
        "diag-text-no-language",
        "a text file must name its language",
    ),
    ("diag-not-record-file", "`{name}` is not a record file"),
    (
        "diag-yaml-hash-empty",
        "YAML reads everything from `#` as a comment, so {what} is empty",
    ),
    ("diag-yaml-written-twice", "`{name}` is written twice"),
    (
        "diag-yaml-quote-single",
        "the single quote that starts {what} is never closed",
    ),
    (
        "diag-yaml-mapping-unclosed",
        "the mapping opened with `{{` here is not closed",
    ),
    (
        "diag-yaml-dash-start",
        "{what} starts with `- `, which YAML reads as a list",
    ),
    (
        "diag-yaml-long-name",
        "this field name is {n} characters long; YAML reads names of at most 1024",
    ),
    (
        "diag-yaml-quote-generic",
        "a quote is not closed, or a value has quotes inside quotes",
    ),
    (
        "diag-yaml-bracket",
        "a `[` or `{{` is not closed, or closed by the wrong bracket",
    ),
    ("diag-yaml-ends", "the file ends in the middle of a value"),
    (
        "diag-yaml-indent",
        "this line is indented differently from the lines around it",
    ),
    (
        "diag-yaml-colon-dash",
        "this line holds a `:` or `-` where YAML does not expect one",
    ),
    (
        "diag-yaml-special",
        "a value here starts with `&`, `*` or `!`, which YAML reads as a special sign",
    ),
    (
        "diag-yaml-not-line",
        "this line is not a `name: value` line YAML can read",
    ),
    (
        "diag-yaml-tab-here",
        "there is a tab here, where YAML does not accept one",
    ),
    (
        "diag-yaml-too-much",
        "the file holds more values, or deeper nesting, than vestis reads in one file",
    ),
    (
        "diag-yaml-not-choice",
        "`{shown}` is not one of the choices here: {choices}",
    ),
    ("diag-yaml-field-missing", "`{name}` is missing"),
    (
        "diag-yaml-nothing-text",
        "there is nothing here where a text is expected (an empty value, or a `:` with no name before it)",
    ),
    ("diag-yaml-expected-bool", "expected `true` or `false` here"),
    ("diag-yaml-expected-list", "expected a list here"),
    (
        "diag-yaml-expected-lines",
        "expected `name: value` lines here",
    ),
    (
        "diag-record-lines",
        "expected `field: value` lines, found {found}",
    ),
    ("diag-ref-draft", "field `{name}` refers to `{id}`, which is a draft or embargoed record of `{to}` yet: the reference is left out"),
    ("diag-yaml-expected-found", "expected {expected}, found {found}"),
    ("diag-yaml-expected-here", "expected {expected} here"),
    ("diag-yaml-text-or-languages", "expected a text here, or one text per language like `{{ lv: \"…\", ru: \"…\" }}`"),
    ("diag-unknown-field-plain", "unknown field `{name}`"),
    ("diag-content-file-ignored", "files directly in `content/` are ignored"),
];

/// `(Fluent id, English pattern)` of the suggestions (`help:`).
pub(super) const HELPS: &[(&str, &str)] = &[
    (
        "help-check-day",
        "check the day: the last day of {month} is `{last}`",
    ),
    ("help-check-year", "check the year"),
    (
        "help-month-second",
        "the month comes second (year-month-day): did you mean `{date}`?",
    ),
    (
        "help-month-second-plain",
        "the month comes second (year-month-day) and is 01 to 12",
    ),
    (
        "help-date-which",
        "write `{a}` ({a_said}) or `{b}` ({b_said}), whichever you meant",
    ),
    (
        "help-date-format",
        "write the date as year-month-day, e.g. `{example}`",
    ),
    (
        "help-value-after-eg",
        "write its value after `{key}`, e.g. `{example}`",
    ),
    ("help-value-after", "write its value after `{key}`"),
    (
        "help-id-chars",
        "use lowercase letters, digits and `-` only, e.g. `{example}`",
    ),
    (
        "help-link-record",
        "write `@/<collection>/<id>` with the id of a published record; a draft or embargoed record is published only with `--drafts`",
    ),
    ("help-other-slug", "give one of them another `slug:`"),
    (
        "help-empty-file",
        "write the record's fields, or delete the file",
    ),
    (
        "help-event-date",
        "add `{code}`, the day the event takes place",
    ),
    (
        "help-event-place",
        "add `{code}` with the id of the place (its town), whose title becomes the address",
    ),
    (
        "help-file-case",
        "did you mean `{file}`? File names must match exactly, capital letters and extension included",
    ),
    (
        "help-src-gallery",
        "add `src:` with the photo's file name, e.g. `{example}`",
    ),
    (
        "help-focus-values",
        "write e.g. `{example}` (the middle, a third from the top) or one of {places}",
    ),
    (
        "help-list-close",
        "close it with `]` on the same line (`{example}`), or remove the `[`",
    ),
    ("help-languages", "the site's languages are {langs}"),
    (
        "help-file-after-dash",
        "write the file name after `- `, e.g. `{example}`",
    ),
    (
        "help-number-quotes",
        "check the number; a code or phone number is text: put it in quotes",
    ),
    (
        "help-move-localized",
        "move `{key}` into the front matter of `{file}`",
    ),
    (
        "help-alt",
        "add `{code}` to the front matter: what the image shows, in this language",
    ),
    ("help-add-front", "add `{code}` to the front matter"),
    (
        "help-utf8",
        "save it as UTF-8 in your editor (\"Save with encoding\" → UTF-8)",
    ),
    (
        "help-placeholder-file",
        "put the real file into the record's folder and write its name after `{key}`",
    ),
    ("help-replace-todo", "replace `TODO` with the real {what}"),
    (
        "help-real-title",
        "write the real title in place of `{placeholder}`",
    ),
    (
        "help-text-below",
        "write the text below the front matter in place of the `TODO` line",
    ),
    (
        "help-lowercase-id",
        "ids are written in plain lowercase letters: write `{id}`",
    ),
    (
        "help-records-are",
        "the records of `{collection}` are {ids}; use one of them, or add a record `{id}` to `{folder}`",
    ),
    (
        "help-ref-title",
        "`{title}` is the title of `{id}`; a reference names the id: write `{id2}`",
    ),
    (
        "help-start-front",
        "start the file with a `---` line, then `title: …`, then another `---` line",
    ),
    ("help-slug-or-auto", "use `{slug}` or `slug: auto`"),
    ("help-slug-shorter", "use a shorter slug, or `slug: auto`"),
    (
        "help-stamp",
        "translate the title and the text into `{lang}`, then run `{command}`",
    ),
    (
        "help-srt-convert",
        "convert them to `{file}` (e.g. with Subtitle Edit, or by adding a first line `WEBVTT` and writing `.` instead of `,` in the times)",
    ),
    (
        "help-save-vtt",
        "save the captions as WebVTT (`.vtt`) in your subtitle editor",
    ),
    (
        "help-poster",
        "use a `.jpg`, `.png` or `.webp` still of the video",
    ),
    (
        "help-video-convert",
        "convert the video to `.mp4` (H.264) or `.webm`, e.g. with HandBrake, or put it on YouTube or Vimeo and write its link",
    ),
    (
        "help-copy-video-share",
        "copy the address of the video itself (Share → Copy), e.g. `{a}` or `{b}`",
    ),
    (
        "help-copy-video",
        "copy the address of the video itself, e.g. `{example}`",
    ),
    (
        "help-alias-host",
        "write only the part after the host: `{path}`",
    ),
    (
        "help-alias-without",
        "write the address without it: `{path}`",
    ),
    (
        "help-alias-old",
        "write the old address of the record's page, like `{example}`",
    ),
    (
        "help-alias-whole",
        "write the whole old address from the site's start, like `{example}`",
    ),
    (
        "help-alias-real-page",
        "remove the alias, or move the page that has this address",
    ),
    (
        "help-space-after-colon",
        "write a space after the colon: `{example}`",
    ),
    (
        "help-unindent",
        "remove the spaces in front of `{key}` so it lines up with the fields above",
    ),
    (
        "help-tab",
        "replace the tab before `{key}` with spaces (or remove it if the line should not be indented)",
    ),
    (
        "help-dash-like-above",
        "start it with `- ` like the items above: `{example}`",
    ),
    (
        "help-end-quote",
        "end the value with a double quote: `{example}`",
    ),
    (
        "help-other-quotes",
        "put the whole value in the other kind of quotes: `{example}` (or use „…“ inside)",
    ),
    ("help-quote-value", "put {what} in quotes: `{example}`"),
    (
        "help-keep-one",
        "keep one of the two and delete the other (line {l1}: `{a}`, line {l2}: `{b}`)",
    ),
    (
        "help-did-you-mean-three",
        "did you mean `{a}`, `{b}` or `{c}`?",
    ),
    ("help-did-you-mean-two", "did you mean `{a}` or `{b}`?"),
    (
        "help-video-settings",
        "write the video's file or link after `src:` and its still image after `poster:`; `{name}` has no other settings",
    ),
    (
        "help-video-src",
        "add `src:` with the video's file name (`interview.mp4`) or its address on YouTube, Vimeo or the TV's site",
    ),
    (
        "help-video-write",
        "write a file name like `interview.mp4` or an address like `https://youtu.be/…`",
    ),
    (
        "help-video-extension",
        "write the file name with its extension, e.g. `interview.mp4`, or the whole address starting with `https://`",
    ),
    (
        "help-whole-address",
        "write the whole address starting with `https://`",
    ),
    (
        "help-start-time",
        "write it in seconds (`t=90`) or as `t=1m30s`, or leave it out",
    ),
    ("help-one-per-line", "write one `name: value` per line"),
    ("help-create-yaml", "create `{file}` with those fields"),
    (
        "help-photo-settings",
        "a photo has `src:` (the file) and, if you want, `focus:` (the part a crop keeps)",
    ),
    (
        "help-gallery-settings",
        "a photo of a gallery has `src:` (the file), `alt:` (what it shows), `caption:` and `focus:` (the part a crop keeps)",
    ),
    (
        "help-add-record-or-fix",
        "add a record `{id}` to `{folder}`, or fix the id",
    ),
    (
        "help-publish-at",
        "write it as `2013-06-15 18:30` (local time of site.yaml's `timezone`)",
    ),
    (
        "help-move-into-yaml-or-localized",
        "move `{key}` into `{file}`, or mark it `localized: true` in site.yaml",
    ),
    ("help-move-into", "move `{key}` into `{file}`"),
    (
        "help-path-no-dots",
        "write a path like `photo.jpg` (in the record's folder) without `..`",
    ),
    ("help-put-in-folder", "put it in `{folder}` or in `static/`"),
    (
        "help-alias-quotes",
        "write the old address in quotes: `{example}`",
    ),
    (
        "help-alias-on-site",
        "write the old address of the page on this site, like `{example}`",
    ),
    (
        "help-alias-slash",
        "separate the parts of an address with `/`",
    ),
    ("help-alias-like", "write the old address like `{example}`"),
    (
        "help-gallery-lines",
        "write one photo a line under `{name}`, each starting with `- `, e.g. `- zale.jpg`",
    ),
    ("help-after-lang", "write it after `{lang}: ` on one line"),
    (
        "help-one-text-per-language",
        "write one text per language, e.g. `{example}`",
    ),
    (
        "help-close-front",
        "add a `---` line after the last front matter field",
    ),
    (
        "help-datetime",
        "write it as `2013-06-15 18:30` (local time) or `2013-06-15T18:30:00+03:00`",
    ),
    ("help-url", "write it like `https://example.org/page`"),
    (
        "help-folder-beside",
        "a record's files go in a folder named like its id, beside `{file}`",
    ),
    ("help-rename", "rename it to `{name}`"),
    (
        "help-record-files",
        "records are `<id>.yaml` and `<id>.<lang>.md`; put other files in the record's folder `<id>/`",
    ),
    (
        "help-no-records-yet",
        "`{to}` has no records yet: add a record `{id}` to `{folder}`",
    ),
    (
        "help-describe-image",
        "describe what the image `{name}` shows, for readers who cannot see it",
    ),
    ("help-add-line", "add a `{key}: …` line"),
    (
        "help-text-after-colon",
        "write the text after the `:`, or the name before it",
    ),
    (
        "help-items-below",
        "write the items on the lines below, each starting with `- `",
    ),
    (
        "help-fields-below",
        "write the fields on the lines below, indented by two spaces",
    ),
    (
        "help-one-value",
        "write one value after the colon, without `[`, `{{` or `- `",
    ),
    (
        "help-quote-each",
        "put each text in quotes (a lone `n`, `no` or `yes` is read as true/false)",
    ),
    (
        "help-pasted",
        "a record needs only a few fields: check whether something was pasted in by mistake",
    ),
    (
        "help-tab-space",
        "replace the tab with a space, or put the value in quotes",
    ),
    (
        "help-keep-one-line",
        "keep one `{key}` line and delete the other",
    ),
    (
        "help-end-single-quote",
        "end the value with a single quote: `{example}`",
    ),
    (
        "help-close-mapping",
        "close it with `}}` on the same line (`{example}`), or remove the `{{`",
    ),
    (
        "help-lost-name",
        "check whether a value lost its `name: ` in front",
    ),
    (
        "help-quotes-match",
        "check that each value that starts with a quote ends with the same quote",
    ),
    (
        "help-brackets",
        "close each `[` with `]` and each `{{` with `}}` on the same line",
    ),
    (
        "help-last-lines",
        "check the last lines for an unclosed quote or bracket",
    ),
    (
        "help-same-indent",
        "indent it with the same number of spaces as the field it belongs to",
    ),
    (
        "help-quote-colon",
        "put the value in quotes if it contains `: `, or start a list item on its own line with `- `",
    ),
    ("help-quote-plain", "put the value in quotes"),
    (
        "help-each-field",
        "write each field as `name: value` on its own line; put values with `:`, `#` or quotes in quotes",
    ),
    (
        "help-quote-value-note",
        "put {what} in quotes: `{example}`; if the `#` starts a note of yours, put two spaces before it",
    ),
    (
        "help-replace-todo-real",
        "replace `{placeholder}` with the real {what}",
    ),
    (
        "help-real-in-place",
        "write the real {what} in place of `{placeholder}`",
    ),
    ("help-expected-one-of", "expected one of {list}"),
    ("help-into-collection-folder", "move it into a collection folder such as `content/events/`"),
    ("help-declare-collection", "declare it under `collections:` in site.yaml"),
    ("help-video-list", "give each video its own record, or declare `{name}` as `{{ type: list, of: {{ type: video }} }}`"),
    ("help-did-you-mean", "did you mean `{x}`?"),
    ("help-add", "add `{code}`"),
    ("help-write", "write `{code}`"),
];

/// `(Fluent id, English words)` that describe a value or a kind of value inside a message
/// (the `found` and `expected` arguments); longer ones first.
pub(super) const PHRASES: &[(&str, &str)] = &[
    ("phrase-title", "the title"),
    ("phrase-value-of", "the value of"),
    ("phrase-this-value", "this value"),
    ("phrase-the-value", "the value"),
    ("phrase-gallery-photo", "a photo of the gallery"),
    ("phrase-photo", "the photo"),
    ("phrase-text", "text"),
    ("phrase-integer", "an integer"),
    ("phrase-number", "a number"),
    ("phrase-boolean", "a boolean"),
    ("phrase-list", "a list"),
    ("phrase-mapping", "a mapping"),
    ("phrase-nothing", "nothing"),
    ("phrase-whole-number", "a whole number"),
    ("phrase-markdown", "Markdown text"),
    ("phrase-true-false", "`true` or `false`"),
    ("phrase-date-time", "a date and time"),
    ("phrase-date", "a date"),
    ("phrase-url", "a URL"),
    ("phrase-enum", "one of its values"),
    ("phrase-file", "a file path"),
    ("phrase-image", "an image path"),
    ("phrase-video", "a video file or link"),
    ("phrase-photos", "a list of photos"),
    ("phrase-photo-file", "a photo's file name"),
];
