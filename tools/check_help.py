#!/usr/bin/env python3
"""Checks the tool's help texts in a language against the English ones (issue 15).

    tools/check_help.py LANG        # checks cli/help/LANG.hpp against cli/help.hpp
    tools/check_help.py --all       # every cli/help/*.hpp
    (--root DIR first: check the tree at DIR instead of this checkout)

cli/help/LANG.hpp defines `help_LANG`, a help_texts (cli/help.hpp) of ten raw string literals
R"(...)", in the order of help_texts' members. The checks, each naming the text and line:
  - ten texts, valid UTF-8;
  - every line fits 80 display columns (a CJK character takes two, a combining mark none);
  - what is never translated is kept, at least as often as in the English: options (--json),
    metavariables in capitals (FILE, CODE), identifiers with an underscore or a colon
    (unexpected_reply_code, bad_reply:ERROR), codes, RFC numbers, quoted text ("said:"),
    and every example line ("  smtpcodes ...") exactly;
  - no English left: a run of four or more common English words outside quotes and examples.
Exit status 0 when all pass; otherwise every problem is printed and the status is 1.
"""
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tools'))
import check_translation  # noqa: E402

NAMES = ['overview', 'explain', 'compare', 'list', 'replies', 'commands', 'session', 'bounce',
         'dot', 'help']
RAW = re.compile(r'R"\((.*?)\)"', re.S)
KEPT = re.compile(r'''
    RFC\s?\d{3,4}                                        # RFC numbers
  | (?<![A-Za-z0-9-])--[a-z0-9][a-z0-9-]*              # options
  | (?<![A-Za-z0-9_])[A-Z]{2,}(?:\.\.\.)?(?![a-z0-9_])  # FILE, CODE, COMMAND, JSON, CRLF
  | (?<![A-Za-z0-9_])[a-z0-9]+(?:[_:][A-Za-z0-9]+)+     # unexpected_reply_code, bad_reply:ERROR
  | (?<![A-Za-z0-9.])[245]\.\d{1,3}\.\d{1,3}(?![0-9])    # enhanced codes
  | (?<![A-Za-z0-9.])[2345]\d\d(?![A-Za-z0-9])          # reply codes
  | "[^"\n]*"                                            # quoted text
''', re.X)


def width(line):
    w = 0
    for ch in line:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ('Mn', 'Me', 'Cf'):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ('W', 'F') else 1
    return w


def english_texts(root):
    src = open(os.path.join(root, 'cli', 'help.hpp'), encoding='utf-8').read()
    out = []
    for name in NAMES:
        m = re.search(r'constexpr std::string_view ' + name + r'_help\s*=\s*R"\((.*?)\)"', src,
                      re.S)
        out.append(m.group(1))
    return out


def examples(text):
    return [l for l in text.split('\n') if l.startswith('  smtpcodes ')]


def counts(text):
    c = {}
    for m in KEPT.finditer(text):
        token = re.sub(r'\s+', ' ', m.group(0))  # "RFC\n2920" wrapped is "RFC 2920"
        c[token] = c.get(token, 0) + 1
    return c


def check(lang, root=ROOT):
    path = os.path.join(root, 'cli', 'help', lang + '.hpp')
    if not os.path.exists(path):
        return [f'{path}: missing']
    raw = open(path, 'rb').read()
    try:
        src = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        return [f'{path}: not valid UTF-8 at byte {e.start}']
    ours = RAW.findall(src)
    english = english_texts(root)
    problems = []
    if len(ours) != len(english):
        return [f'{lang}: {len(ours)} help texts, expected {len(english)} ({", ".join(NAMES)})']
    for name, en, tr in zip(NAMES, english, ours):
        for i, line in enumerate(tr.split('\n'), 1):
            if width(line) > 80:
                problems.append(f'{lang} {name} line {i}: {width(line)} columns: {line[:40]!r}')
        have = counts(tr)
        for token, n in counts(en).items():
            if have.get(token, 0) < n:
                problems.append(f'{lang} {name}: {token!r} appears {n}x in English, '
                                f'{have.get(token, 0)}x here')
        mine = set(examples(tr))
        for ex in examples(en):
            if ex not in mine:
                problems.append(f'{lang} {name}: example line missing or changed: {ex!r}')
        if tr == en:
            problems.append(f'{lang} {name}: left in English')
            continue
        prose = '\n'.join(l for l in tr.split('\n') if not l.startswith('  smtpcodes '))
        for line in prose.split('\n'):
            if check_translation.english_runs(line):
                problems.append(f'{lang} {name}: English words left: {line.strip()[:60]!r}')
    return problems


def main(argv):
    args = argv[1:]
    root = ROOT
    if len(args) >= 2 and args[0] == '--root':
        root, args = args[1], args[2:]
    if not args:
        print(__doc__)
        return 2
    if args == ['--all']:
        d = os.path.join(root, 'cli', 'help')
        langs = sorted(f[:-4] for f in os.listdir(d) if f.endswith('.hpp')) if os.path.isdir(d) else []
    else:
        langs = args
    status = 0
    for lang in langs:
        problems = check(lang, root)
        for p in problems:
            print(p)
        print(f'{lang}: {len(problems)} problem(s) in {len(NAMES)} help texts')
        status |= 1 if problems else 0
    if args == ['--all']:
        print(f'{len(langs)} language(s) checked')
    return status


if __name__ == '__main__':
    sys.exit(main(sys.argv))
