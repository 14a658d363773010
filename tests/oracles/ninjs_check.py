"""Validates every ninjs file of a kit's bag against the official IPTC ninjs 3.1 schema
(Draft 2020-12, formats asserted), the GeoJSON schema registered under its URI so nothing is
fetched. Mediadesk writes rendition `href`s as references relative to the ninjs file: the one
`format: uri` failure allowed is such an href, and only when it names a file of the bag.
Prints {"files": N, "errors": [...]} as JSON."""

import json
import pathlib
import sys

import jsonschema
from referencing import Registry, Resource

schema_dir, bag = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
schema = json.loads((schema_dir / "ninjs-schema_3.1.json").read_text())
geojson = json.loads((schema_dir / "GeoJSON.json").read_text())
registry = Registry().with_resource("https://geojson.org/schema/GeoJSON.json", Resource.from_contents(geojson))
validator = jsonschema.Draft202012Validator(
    schema, registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
assert "uri" in validator.format_checker.checkers, "the rfc3986 format checker is not installed"

errors, files = [], 0
for path in sorted((bag / "data" / "ninjs").rglob("*.json")):
    files += 1
    doc = json.loads(path.read_text(encoding="utf-8"))
    for e in validator.iter_errors(doc):
        where = "/".join(str(p) for p in e.absolute_path)
        if e.validator == "format" and where.endswith("/href"):
            target = (path.parent / e.instance).resolve()
            if target.is_file() and (bag / "data").resolve() in target.parents:
                continue
        errors.append({"file": str(path.relative_to(bag)), "at": where, "error": e.message})
print(json.dumps({"files": files, "errors": errors}, ensure_ascii=False))
