#!/usr/bin/env python3
"""Checks a language catalog against the English tables it translates (issue 15).

    tools/check_translation.py LANG            # e.g. fr; checks include/smtpcodes/lang/LANG/*.inc
    tools/check_translation.py LANG TABLE...   # only these tables (e.g. reply_code_table)
    tools/check_translation.py --all           # every language under include/smtpcodes/lang/
    tools/check_translation.py --part START LANG TABLE FILE
                                               # FILE holds a run of entries of TABLE, the
                                               # first being English entry START (from 0): a
                                               # translation written in parts
    (--root DIR first: check the tree at DIR instead of this checkout; the tests use it)

Each include/smtpcodes/lang/LANG/TABLE.inc holds one entry per entry of
include/smtpcodes/detail/TABLE.inc, in the same order, with the key fields first and then the
translated texts (see TABLES below). The checks, each naming the table, entry and field:
  - the file is valid UTF-8; every entry of the English table is there, same keys, same order;
  - every field is present and, where the English one is not empty, not empty;
  - what is never translated is kept: reply codes (220), enhanced codes (5.1.1), RFC numbers
    and sections (RFC 5321 §4.2), command verbs and extension keywords in capitals (EHLO,
    STARTTLS, SMTPUTF8), header and parameter names (Message-ID:, NOTIFY=), quoted reply texts'
    codes; each appears in the translation as many times as in the English, at least;
  - no English left: a translated text may not contain a run of four or more common English
    words outside quotes (a quoted reply text stays as servers send it), and (except for "en") no
    text may equal its English original unless, outside quotes, it has no words to translate.
Exit status 0 when all pass; otherwise every problem is printed and the status is 1.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# table -> (number of leading integer keys, names of the English fields kept as keys (strings
# copied verbatim), indexes of the English string fields translated, in order)
# English string fields are numbered from 0 in the order they appear in the entry.
TABLES = {
    # {code, name, commands, description, when, fix, rfcs, status}
    "reply_code_table": dict(keys=1, verbatim=[], translated=[0, 1, 2, 3, 4],
                             names=["name", "commands", "description", "when", "fix"]),
    # {code, context, meaning, rfc}: context is a command or extension name, kept
    "reply_code_usage_table": dict(keys=1, verbatim=[0], translated=[1],
                                   names=["context", "meaning"]),
    # {class, label, description, fix, rfc}
    "enhanced_class_table": dict(keys=1, verbatim=[], translated=[0, 1, 2],
                                 names=["label", "description", "fix"]),
    # {subject, label, description, rfc}
    "enhanced_subject_table": dict(keys=1, verbatim=[], translated=[0, 1],
                                   names=["label", "description"]),
    # {subject, detail, label, basic_codes, description, when, fix, rfc, status}
    "enhanced_detail_table": dict(keys=2, verbatim=[], translated=[0, 2, 3, 4],
                                  names=["label", "description", "when", "fix"]),
    # {class, name, meaning, action}: the reply classes (first digit)
    "reply_class_table": dict(keys=1, verbatim=[], translated=[0, 1, 2],
                              names=["name", "meaning", "action"]),
    # {category, name, meaning}: the reply categories (second digit)
    "reply_category_table": dict(keys=1, verbatim=[], translated=[0, 1],
                                 names=["name", "meaning"]),
    # {reason, name, description, when, fix, hard, retry, actor}: the name is an identifier,
    # not in the translation
    "bounce_reason_table": dict(keys=1, verbatim=[], translated=[1, 2, 3],
                                names=["description", "when", "fix"]),
    # {class, category, name}: the generic names of unregistered codes
    "reply_unregistered_name_table": dict(keys=2, verbatim=[], translated=[0], names=["name"]),
    # {who, code, phrase, reason, meaning, fix, url, code_last}: the provider codes; a
    # translation is {who, code, meaning, fix} (the phrase, reason, URL are facts, not texts)
    "provider_table": dict(keys=1, verbatim=[0], translated=[2, 3],
                           names=["code", "meaning", "fix"]),
    # {unregistered_text::KEY, text}: an unregistered code's commands ("any") and RFC note
    "reply_unregistered_text_table": dict(keys=1, verbatim=[], translated=[0], names=["text"]),
    # {enhanced_note::KEY, text}: an enhanced explanation's notes (unregistered subject or
    # detail, a detail that contradicts its class)
    "enhanced_note_table": dict(keys=1, verbatim=[], translated=[0], names=["text"]),
    # {code, {class, subject, detail}, title, who, check_first, retry, retry_when, rfc}: the
    # common replies; a translation is {code, {class, subject, detail}, title, check_first,
    # retry_when} (who, retry and rfc are facts)
    "common_reply_table": dict(keys=4, verbatim=[], translated=[0, 1, 2],
                               names=["title", "check_first", "retry_when"]),
    # {who_acts::KEY, label} and {retry_advice::KEY, label}: the labels of who acts and retry
    "who_acts_table": dict(keys=1, verbatim=[], translated=[0], names=["label"]),
    "retry_advice_table": dict(keys=1, verbatim=[], translated=[0], names=["label"]),
    # compare.hpp: {next_step::KEY, label}, {compare_aspect::KEY, label}, {compare_phrase::KEY,
    # text} (a text's {placeholders} are kept, see KEPT), {code, step, clause} translated as
    # {code, clause}, {low, high, sentence}
    "next_step_table": dict(keys=1, verbatim=[], translated=[0], names=["label"]),
    "compare_aspect_table": dict(keys=1, verbatim=[], translated=[0], names=["label"]),
    "compare_phrase_table": dict(keys=1, verbatim=[], translated=[0], names=["text"]),
    "reply_next_table": dict(keys=1, verbatim=[], translated=[0], names=["clause"]),
    "hand_relation_table": dict(keys=2, verbatim=[], translated=[0], names=["sentence"]),
    # error.hpp: {errc::KEY, text}, what each error means
    "error_text_table": dict(keys=1, verbatim=[], translated=[0], names=["text"]),
}

TOKEN = re.compile(r'''
    (?P<ws>\s+)
  | (?P<comment>//[^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*"(?:sv)?)
  | (?P<number>\d+)
  | (?P<ident>[A-Za-z_][A-Za-z_0-9:]*)
  | (?P<punct>[{},])
''', re.X)


def unescape(literal):
    body = literal[1:literal.rindex('"')]
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), body)


def parse_entries(path):
    """The entries of a table file: lists of fields (int, str or identifier text)."""
    with open(path, 'rb') as f:
        raw = f.read()
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        raise SystemExit(f"{path}: not valid UTF-8 at byte {e.start}")
    entries, fields, depth, pending = [], None, 0, None
    pos = 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise SystemExit(f"{path}: cannot read at offset {pos}: {text[pos:pos + 30]!r}")
        pos = m.end()
        kind = m.lastgroup
        if kind in ('ws', 'comment'):
            continue
        value = m.group(kind)
        if kind == 'string':
            pending = (pending or '') + unescape(value)
            continue
        if pending is not None:
            fields.append(pending)
            pending = None
        # A brace inside an entry ({550, {5, 1, 1}, ...}: an enhanced code) only groups
        # fields: they count as fields of the entry.
        if value == '{':
            depth += 1
            if depth == 1:
                fields = []
        elif value == '}':
            depth -= 1
            if depth == 0:
                entries.append(fields)
        elif kind == 'number':
            fields.append(int(value))
        elif kind == 'ident':
            fields.append(value)
    return entries


# Things never translated, found in an English text.
# Lookarounds on ASCII rather than \b around a token: a letter of another script joined to it
# (Arabic "وDKIM", Turkish "SMTP'nin", Russian "DKIMом") must not hide it.
KEPT = re.compile(r'''
    (?<![A-Za-z0-9.])[245]\.\d{1,3}\.\d{1,3}(?![A-Za-z0-9])            # enhanced codes
  | (?<![A-Za-z0-9.])[Xx]\.\d{1,3}(?:\.\d{1,3}|\.[Xx])(?![A-Za-z0-9])  # X.1.1, X.7.X
  | (?<![A-Za-z0-9])RFC\s?\d{3,4}(?:\s\d+(?:\.\d+)*)?(?![A-Za-z0-9])   # RFC numbers (and
                                             # a section written without §: "RFC 5321 4.2")
  | §\s?\d+(?:\.\d+)*                      # sections
  | (?<![A-Za-z0-9.])[2345]\d\d(?![A-Za-z0-9])                         # reply codes (and other 3-digit numbers)
  | (?<![A-Za-z0-9-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*=       # parameters: NOTIFY=, RET=
  | (?<![A-Za-z0-9-])[A-Z][A-Za-z]*(?:-[A-Za-z]+)+:       # header names: Message-ID:, Reply-To:
  | (?<![A-Za-z0-9-])[A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)*(?![A-Za-z0-9])   # verbs, keywords, acronyms: EHLO, 8BITMIME, DKIM
  | \{[a-z_]+\}                          # compare's placeholders: {code}, {next_a}
''', re.X)

COMMON_ENGLISH = set('''
a an the of to in on at for from by with and or not no is are was be been it its this that
these those as if when then than but so do does can cannot may must should will would which who
what where your you they their there here has have had any all each other only also more most
such into out up down over again same some one two server client message mail reply code send
sent after before until once retry read text name address domain
'''.split())


QUOTED = re.compile(r'"[^"]*"|«[^»]*»|„[^“”]*[“”]|“[^”]*”|「[^」]*」|『[^』]*』')


def english_runs(text, length=4):
    # Quoted text is what servers send, kept verbatim: only the prose around it counts.
    words = re.findall(r"[A-Za-z']+", QUOTED.sub(' ', text))
    run = 0
    for w in words:
        run = run + 1 if w.lower() in COMMON_ENGLISH else 0
        if run >= length:
            return True
    return False


def kept_items(text):
    counts = {}
    for m in KEPT.finditer(text):
        token = re.sub(r'\s', '', m.group(0))
        counts[token] = counts.get(token, 0) + 1
    return counts


def check_table(lang, table, root=ROOT, path=None, start=None):
    """Problems of LANG's TABLE; with `start`, `path` holds only the entries from English entry
    `start` on (a part of a translation), and fewer than the rest is no problem."""
    spec = TABLES[table]
    english_path = os.path.join(root, 'include', 'smtpcodes', 'detail', table + '.inc')
    path = path or os.path.join(root, 'include', 'smtpcodes', 'lang', lang, table + '.inc')
    if not os.path.exists(path):
        return [f"{path}: missing"]
    english = parse_entries(english_path)
    ours = parse_entries(path)
    problems = []
    first = start or 0
    if start is not None:
        english = english[start:]
        if len(ours) > len(english):
            problems.append(f"{table}: {len(ours)} entries from entry {start}, "
                            f"English has {len(english)}")
    elif len(ours) != len(english):
        problems.append(f"{table}: {len(ours)} entries, English has {len(english)}")
    for i, (en, tr) in enumerate(zip(english, ours), first):
        keys = en[:spec['keys']]
        where = f"{table} entry {i} {keys}"
        if tr[:spec['keys']] != keys:
            problems.append(f"{where}: keys are {tr[:spec['keys']]}, expected {keys} (same order)")
            continue
        en_strings = [f for f in en if isinstance(f, str) and not re.fullmatch(r'\w+::\w+', f)]
        wanted = spec['verbatim'] + spec['translated']
        got = tr[spec['keys']:]
        if len(got) != len(wanted) or not all(isinstance(g, str) for g in got):
            problems.append(f"{where}: {len(got)} string fields, expected {len(wanted)} "
                            f"({', '.join(spec['names'])})")
            continue
        for name, index, value in zip(spec['names'], wanted, got):
            original = en_strings[index]
            if index in spec['verbatim']:
                if value != original:
                    problems.append(f"{where} {name}: must stay {original!r}")
                continue
            if original and not value:
                problems.append(f"{where} {name}: empty")
                continue
            if lang != 'en':
                # Equal to the English is fine only when nothing outside quotes is prose (a
                # list of quoted reply texts, codes and RFC numbers stays as it is).
                if value == original and re.search(r'[a-z]{3}', QUOTED.sub(' ', original)):
                    problems.append(f"{where} {name}: left in English")
                    continue
                if english_runs(value):
                    problems.append(f"{where} {name}: English words left: {value[:60]!r}")
            need = kept_items(original)
            have = kept_items(value)
            for token, count in need.items():
                if have.get(token, 0) < count:
                    problems.append(f"{where} {name}: {token!r} appears {count}x in English, "
                                    f"{have.get(token, 0)}x here")
    return problems


def main(argv):
    args = argv[1:]
    root = ROOT
    if len(args) >= 2 and args[0] == '--root':
        root, args = args[1], args[2:]
    if not args:
        print(__doc__)
        return 2
    if args[0] == '--part':
        if len(args) != 5 or not args[1].isdigit() or args[3] not in TABLES:
            print(__doc__)
            return 2
        start, lang, table, path = int(args[1]), args[2], args[3], args[4]
        problems = check_table(lang, table, root, path, start)
        for p in problems:
            print(p)
        count = len(parse_entries(path))
        print(f"{lang}: {len(problems)} problem(s) in {table} entries {start}-{start + count - 1}")
        return 1 if problems else 0
    if args == ['--all']:
        lang_dir = os.path.join(root, 'include', 'smtpcodes', 'lang')
        langs = sorted(d for d in os.listdir(lang_dir)
                       if os.path.isdir(os.path.join(lang_dir, d))) if os.path.isdir(lang_dir) else []
        status = 0
        for lang in langs:
            present = [t for t in TABLES
                       if os.path.exists(os.path.join(lang_dir, lang, t + '.inc'))]
            status |= report(lang, present, root)
        print(f"{len(langs)} language(s) checked")
        return status
    lang, tables = args[0], args[1:] or list(TABLES)
    for table in tables:
        if table not in TABLES:
            print(f"unknown table {table}; known: {', '.join(TABLES)}")
            return 2
    return report(lang, tables, root)


def report(lang, tables, root):
    problems = []
    for table in tables:
        problems += check_table(lang, table, root)
    for p in problems:
        print(p)
    print(f"{lang}: {len(problems)} problem(s) in {len(tables)} table(s)")
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
