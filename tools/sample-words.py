#!/usr/bin/env python3
"""Word-fidelity check of the sample profiles against their seed résumés.

Approximates the PDF check: the seed is cleaned and tokenised as the real checker does, and the
profile's printed text (every string value that reaches the page, with inline markup removed,
contacts as printed, structured dates as the classic layout prints them) is tokenised the same
way. Both are compared as multisets.

    python3 tools/sample-words.py                  # every samples/*.yaml naming a seed
    python3 tools/sample-words.py samples/x.yaml   # one profile

Each profile names its seed in a comment line "# Source: ../shared/seeds/NNN_….txt" (resolved
against /work/shared/seeds when the relative path does not exist). Exit status 1 when a sample
is below the threshold (0.99) or fails the structural checks.
"""
import collections
import glob
import os
import re
import sys
import unicodedata

import yaml

SEEDS = "/work/shared/seeds"
THRESHOLD = 0.99


# --- the real checker's cleaning and tokenisation -------------------------------------------
def clean_source(text):
    text = re.sub(r"\]\([^)]*\)", "]", text)            # [label](target) -> [label]
    text = re.sub(r"<[^>]+>", " ", text)               # HTML tags
    text = re.sub(r"\\[A-Za-z]+", " ", text)           # LaTeX commands
    text = re.sub(r"\bullet\b", " ", text)             # a broken "\bullet" left in one seed
    text = re.sub(r"\(tel:[^)]*\)|\(mailto:[^)]*\)", " ", text)
    return text


CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"


def tokens(text):
    text = unicodedata.normalize("NFKC", text).lower()
    return re.findall(rf"[{CJK}]|[^\W_{CJK}]+", text)


# --- the profile format (docs/profile.md) ---------------------------------------------------
TOP = {"name", "headline", "location", "contacts", "summary", "lang", "hyphenation", "keywords",
       "sections"}
CONTACT_KINDS = {"email", "phone", "url", "github", "gitlab", "linkedin", "twitter", "mastodon",
                 "stackoverflow"}
NETWORK_HOST = {"github": "github.com/", "gitlab": "gitlab.com/", "linkedin": "linkedin.com/in/",
                "twitter": "x.com/", "stackoverflow": "stackoverflow.com/users/", "mastodon": ""}
DATES = {"start", "end", "date"}
BODY = {"summary", "highlights", "numbered", "footer"}
KEYS = {
    "experience": {"position", "organization", "about", "location"} | DATES | BODY,
    "roles": {"organization", "about", "location", "summary", "roles", "footer"} | DATES,
    "education": {"degree", "area", "institution", "score", "location"} | DATES | BODY,
    "project": {"name", "url", "venue", "location"} | DATES | BODY,
    "row": {"label", "details"},
    "bullet": {"bullet", "highlights", "numbered"},
    "paragraph": {"text"},
}
for k in ("talk", "publication", "award"):
    KEYS[k] = KEYS["project"]
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


class Problem(Exception):
    pass


def infer_kind(entry):
    if "kind" in entry:
        return entry["kind"]
    for key, kind in (("roles", "roles"), ("position", "experience"), ("institution", "education"),
                      ("degree", "education"), ("name", "project"), ("label", "row"),
                      ("bullet", "bullet"), ("text", "paragraph")):
        if key in entry:
            return kind
    raise Problem(f"cannot infer the kind of entry {entry!r}")


def plain(text, where):
    """The printed text of an inline-markup string."""
    if not isinstance(text, str):
        text = str(text)
    for m in re.finditer(r"\[([^\]]*)\]\(([^)]*)\)", text):
        target = m.group(2).strip()
        if not target or target == "#" or not re.match(r"(https?|mailto|tel):", target):
            raise Problem(f"{where}: bad link target {target!r}")
    text = re.sub(r"(?<!\\)\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?<!\\)(\*\*|\*|`)", "", text)
    text = re.sub(r"\\([*`\[\\])", r"\1", text)
    return text


def fmt_date(value, where):
    s = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if s == "present":
        return "present"
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", s)
    if not m:
        raise Problem(f"{where}: start/end {s!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month = m.group(1), m.group(2)
    if month:
        if not 1 <= int(month) <= 12:
            raise Problem(f"{where}: impossible month in {s!r}")
        return f"{MONTHS[int(month) - 1]} {year}"
    return year


def dates(entry, where):
    if "date" in entry:
        if "start" in entry or "end" in entry:
            raise Problem(f"{where}: date combined with start/end")
        return [str(entry["date"])]
    if "start" in entry:
        end = fmt_date(entry["end"], where) if "end" in entry else "present"
        return [f"{fmt_date(entry['start'], where)} – {end}"]
    if "end" in entry:
        raise Problem(f"{where}: end without start")
    return []


def paragraphs(value, where):
    if isinstance(value, list):
        raise Problem(f"{where}: expected text, got a list")
    return [plain(value, where)]


def points(points_, numbered, where):
    out = []
    if not isinstance(points_, list):
        raise Problem(f"{where}: highlights must be a list")
    for i, p in enumerate(points_, 1):
        mark = [f"{i}."] if numbered else []
        if isinstance(p, str):
            out += mark + [plain(p, where)]
        elif isinstance(p, dict):
            extra = set(p) - {"text", "highlights", "numbered"}
            if extra or "text" not in p:
                raise Problem(f"{where}: bad point keys {sorted(p)}")
            out += mark + [plain(p["text"], where)]
            for q in p.get("highlights", []):
                if not isinstance(q, str):
                    raise Problem(f"{where}: points nest only one level")
            out += points(p.get("highlights", []), p.get("numbered", False), where)
        else:
            raise Problem(f"{where}: bad point {p!r}")
    return out


def entry_text(entry, where):
    if isinstance(entry, str):
        return [plain(entry, where)]
    kind = infer_kind(entry)
    if kind not in KEYS:
        raise Problem(f"{where}: unknown kind {kind!r}")
    extra = set(entry) - KEYS[kind] - {"kind"}
    if extra:
        raise Problem(f"{where}: keys {sorted(extra)} not allowed in a {kind} entry")
    if kind == "row" and not ("label" in entry and "details" in entry):
        raise Problem(f"{where}: a row needs label and details")
    if kind == "roles" and "organization" not in entry:
        raise Problem(f"{where}: a roles group needs organization")
    out = []
    for key in ("position", "organization", "degree", "area", "institution", "name", "venue",
                "about", "score", "location", "label", "details", "bullet", "text"):
        if key in entry:
            out += paragraphs(entry[key], f"{where}.{key}")
    out += dates(entry, where)
    if "summary" in entry:
        out += paragraphs(entry["summary"], f"{where}.summary")
    for i, role in enumerate(entry.get("roles", [])):
        if isinstance(role, str) or infer_kind(role) != "experience":
            raise Problem(f"{where}.roles[{i}]: a role must be an experience entry")
        out += entry_text(role, f"{where}.roles[{i}]")
    if "highlights" in entry:
        out += points(entry["highlights"], entry.get("numbered", False), f"{where}.highlights")
    if "footer" in entry:
        out += paragraphs(entry["footer"], f"{where}.footer")
    if "url" in entry and not re.match(r"https?://", str(entry["url"])):
        raise Problem(f"{where}: url must be http(s)")
    return out


def contact_text(c, where):
    extra = set(c) - CONTACT_KINDS - {"label"}
    kinds = set(c) & CONTACT_KINDS
    if extra or len(kinds) != 1:
        raise Problem(f"{where}: bad contact keys {sorted(c)}")
    (kind,) = kinds
    value = str(c[kind])
    if "label" in c:
        return plain(c["label"], where)
    if kind in ("email", "phone"):
        return value
    if kind == "url":
        if not re.match(r"https?://", value):
            raise Problem(f"{where}: url contact must be http(s)")
        return re.sub(r"^https?://", "", value)
    if value.startswith("https://"):
        return value[len("https://"):]
    return NETWORK_HOST[kind] + value


def printed(profile):
    extra = set(profile) - TOP
    if extra:
        raise Problem(f"unknown top-level keys {sorted(extra)}")
    out = []
    for key in ("name", "headline", "location"):
        if key in profile:
            out.append(plain(profile[key], key))
    for i, c in enumerate(profile.get("contacts", [])):
        out.append(contact_text(c, f"contacts[{i}]"))
    if "summary" in profile:
        out.append(plain(profile["summary"], "summary"))
    seen = set()
    for word, hyph in (profile.get("hyphenation") or {}).items():
        if str(word).lower() in seen:
            raise Problem(f"hyphenation {word!r} given twice (words match case-insensitively)")
        seen.add(str(word).lower())
        if str(hyph).replace("-", "").lower() != str(word).lower():
            raise Problem(f"hyphenation {word!r}: {hyph!r} does not spell the word")
    for i, s in enumerate(profile.get("sections", [])):
        where = f"sections[{i}]"
        if set(s) != {"title", "entries"}:
            raise Problem(f"{where}: a section has exactly title and entries, got {sorted(s)}")
        out.append(plain(s["title"], f"{where}.title"))
        for j, e in enumerate(s["entries"]):
            out += entry_text(e, f"{where}.entries[{j}]")
    return out


def check(path):
    raw = open(path, encoding="utf-8").read()
    lines = raw.splitlines()
    problems = []
    if "\t" in raw:
        problems.append("contains a tab")
    if not lines or lines[0] != "# yaml-language-server: $schema=../docs/profile.schema.json":
        problems.append("first line is not the schema comment")
    m = re.search(r"^# Source: (\S+)", raw, re.M)
    if not m:
        raise Problem(f"{path}: no '# Source:' comment")
    seed = os.path.normpath(os.path.join(os.path.dirname(path), m.group(1)))
    if not os.path.exists(seed):
        seed = os.path.join(SEEDS, os.path.basename(m.group(1)))
    profile = yaml.safe_load(raw)
    text = printed(profile)
    want = collections.Counter(tokens(clean_source(open(seed, encoding="utf-8").read())))
    have = collections.Counter(tokens("\n".join(text)))
    missing = want - have
    extra = have - want
    found = sum(want.values()) - sum(missing.values())
    share = found / sum(want.values())
    return seed, share, sum(want.values()), missing, extra, problems


def main(argv):
    paths = argv[1:] or sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..",
                                                       "samples", "*.yaml")))
    ok = True
    for path in paths:
        try:
            seed, share, total, missing, extra, problems = check(path)
        except Problem as e:
            print(f"{os.path.basename(path)}: ERROR {e}")
            ok = False
            continue
        status = "ok" if share >= THRESHOLD and not problems else "LOW"
        ok &= status == "ok"
        print(f"{os.path.basename(path)} <- {os.path.basename(seed)}: "
              f"{share:.4f} of {total} seed tokens [{status}]")
        for p in problems:
            print(f"  problem: {p}")
        if missing:
            print("  missing:", " ".join(f"{w}×{n}" if n > 1 else w
                                          for w, n in sorted(missing.items())))
        if extra:
            print("  extra:  ", " ".join(f"{w}×{n}" if n > 1 else w
                                          for w, n in sorted(extra.items())))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
