#!/usr/bin/env python3
"""Extracts the schema.org properties of the types vestis writes in JSON-LD from the npm
package `schema-dts` (its generated `dist/schema.d.ts`, Apache-2.0, made from schema.org's
vocabulary), into `tests/share/schemaorg-properties.json`: for each type, every property it
has, its own and inherited. `tests/integration/share.rs` checks every property name of every page's
JSON-LD against it.

    npm pack schema-dts@2.1.0 && tar xzf schema-dts-2.1.0.tgz
    python3 tests/share/extract_vocabulary.py package/dist/schema.d.ts > tests/share/schemaorg-properties.json
"""
import json
import re
import sys

# The types vestis can write (src/config/share.rs) and those it nests inside them.
TYPES = [
    "Thing", "Event", "TheaterEvent", "BroadcastEvent", "EducationEvent", "ExhibitionEvent",
    "Festival", "MusicEvent", "SocialEvent", "ScreeningEvent", "LiteraryEvent", "DanceEvent",
    "BusinessEvent", "Article", "NewsArticle", "Report", "BlogPosting", "CreativeWork", "Play",
    "Book", "VisualArtwork", "Poster", "Place", "City", "AdministrativeArea", "PostalAddress",
    "Organization", "BroadcastService",
]

text = open(sys.argv[1], encoding="utf-8").read()
# `interface XBase extends A, B {` ... `}` and `export interface XLeaf extends YBase {`.
blocks = re.finditer(
    r"^(?:export )?interface (\w+)(?: extends ([\w, <>]+))? \{\n(.*?)^\}", text, re.M | re.S
)
interfaces = {}
leaf_of = {}
for m in blocks:
    name, parents, body = m.group(1), m.group(2) or "", m.group(3)
    own = set(re.findall(r'^    "([A-Za-z][\w]*)"\??:', body, re.M))
    kind = re.search(r'^    "@type": "(\w+)";', body, re.M)
    interfaces[name] = ([p.strip() for p in parents.split(",") if p.strip()], own)
    if kind:
        leaf_of[kind.group(1)] = name


def properties(name, seen=None):
    seen = seen if seen is not None else set()
    if name in seen or name not in interfaces:
        return set()
    seen.add(name)
    parents, own = interfaces[name]
    out = set(own)
    for p in parents:
        out |= properties(p, seen)
    return out


vocabulary = {}
for t in TYPES:
    if t not in leaf_of:
        sys.exit(f"schema.d.ts has no type {t}")
    vocabulary[t] = sorted(properties(leaf_of[t]))
json.dump(vocabulary, sys.stdout, indent=0, sort_keys=True, ensure_ascii=False)
sys.stdout.write("\n")
