#!/usr/bin/env python3
"""Tests of tools/check_help.py: a help translation that keeps what must be kept passes; each
defect the checker exists for (a text missing, a line over 80 columns, an option or an example
dropped, English left, invalid UTF-8) is reported. Runs in a temporary tree holding the real
cli/help.hpp. Usage: check_help_test.py SOURCE_ROOT"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = sys.argv.pop(1) if len(sys.argv) > 1 else os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tools'))
import check_help as ch  # noqa: E402


def fake(english):
    """A 'translation': every example line as it is, every other line Cyrillic filler and the
    tokens the checker wants kept that start on it (so it stays under 80 columns)."""
    lines = english.split('\n')
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    tokens = [[] for _ in lines]
    for m in ch.KEPT.finditer(english):
        i = max(k for k, start in enumerate(starts) if start <= m.start())
        tokens[i].append(' '.join(m.group(0).split()))
    out = []
    for line, kept in zip(lines, tokens):
        if line.startswith('  smtpcodes '):
            out.append(line)
        else:
            out.append(' '.join(['т'] + kept) if line.strip() else '')
    return '\n'.join(out)


class HelpCheckerTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp()
        os.makedirs(os.path.join(self.root, 'cli', 'help'))
        os.makedirs(os.path.join(self.root, 'tools'))
        shutil.copy(os.path.join(ROOT, 'cli', 'help.hpp'), os.path.join(self.root, 'cli'))
        for tool in ('check_help.py', 'check_translation.py'):
            shutil.copy(os.path.join(ROOT, 'tools', tool), os.path.join(self.root, 'tools'))
        self.texts = [fake(t) for t in ch.english_texts(ROOT)]

    def tearDown(self):
        shutil.rmtree(self.root)

    def write(self, texts=None, raw=None):
        path = os.path.join(self.root, 'cli', 'help', 'xx.hpp')
        if raw is not None:
            with open(path, 'wb') as f:
                f.write(raw)
            return
        with open(path, 'w', encoding='utf-8') as f:
            f.write('inline constexpr help_texts help_xx = {\n')
            f.write(',\n'.join('R"(' + t + ')"' for t in (texts or self.texts)))
            f.write('};\n')

    def run_checker(self):
        r = subprocess.run([sys.executable, os.path.join(self.root, 'tools', 'check_help.py'),
                            '--root', self.root, 'xx'], capture_output=True, text=True,
                           timeout=60)
        return r.returncode, r.stdout + r.stderr

    def test_a_translation_that_keeps_everything_passes(self):
        self.write()
        status, out = self.run_checker()
        self.assertEqual(status, 0, out)
        self.assertIn('xx: 0 problem(s) in 10 help texts', out)

    def test_a_missing_text_is_reported(self):
        self.write(self.texts[:-1])
        status, out = self.run_checker()
        self.assertEqual(status, 1)
        self.assertIn('xx: 9 help texts, expected 10', out)

    def test_a_line_over_80_columns_is_reported_counting_wide_characters(self):
        self.texts[2] += '\n' + '中' * 41  # 82 columns, 41 characters
        self.write()
        status, out = self.run_checker()
        self.assertEqual(status, 1)
        self.assertIn('xx compare line', out)
        self.assertIn('82 columns', out)

    def test_a_dropped_option_is_reported(self):
        self.texts[1] = self.texts[1].replace('--json', '--жсон', 1)
        self.write()
        status, out = self.run_checker()
        self.assertEqual(status, 1)
        self.assertRegex(out, r"xx explain: '--json' appears \d+x in English")

    def test_a_changed_example_is_reported(self):
        self.texts[6] = self.texts[6].replace('--server s2c.bin', '--server s2c.dat')
        self.write()
        status, out = self.run_checker()
        self.assertEqual(status, 1)
        self.assertIn('xx session: example line missing or changed', out)

    def test_english_left_is_reported(self):
        self.texts[9] += '\nand this is the text of the help\n'
        self.write()
        status, out = self.run_checker()
        self.assertEqual(status, 1)
        self.assertIn('xx help: English words left', out)
        english = ch.english_texts(ROOT)
        self.texts[3] = english[3]
        self.write()
        status, out = self.run_checker()
        self.assertIn('xx list: left in English', out)

    def test_invalid_utf8_is_reported_with_its_offset(self):
        self.write(raw=b'R"(\xc3()"')
        status, out = self.run_checker()
        self.assertEqual(status, 1)
        self.assertIn('not valid UTF-8 at byte 3', out)


if __name__ == '__main__':
    unittest.main()
