#!/usr/bin/env python3
"""Tests of tools/check_translation.py: a catalog that keeps every code passes; each defect the
checker exists for (an entry missing, keys out of order, English left, an RFC number or code
dropped, a command name changed, invalid UTF-8) is reported. Runs on copies of the real English
tables in a temporary tree. Usage: check_translation_test.py SOURCE_ROOT"""
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
import check_translation as ct  # noqa: E402


def literal(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"sv'


def fake_translation(english):
    """Cyrillic filler around every token the checker wants kept, in the English order."""
    tokens = [m.group(0) for m in ct.KEPT.finditer(english)]
    return ' '.join(['Текст'] + [t + ' слово' for t in tokens])


class CheckerTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp()
        os.makedirs(os.path.join(self.root, 'include/smtpcodes/detail'))
        self.lang = os.path.join(self.root, 'include/smtpcodes/lang/xx')
        os.makedirs(self.lang)
        for table in ct.TABLES:
            shutil.copy(os.path.join(ROOT, 'include/smtpcodes/detail', table + '.inc'),
                        os.path.join(self.root, 'include/smtpcodes/detail'))
            self.write(table, self.entries(table))

    def tearDown(self):
        shutil.rmtree(self.root)

    def entries(self, table):
        """The entries of a passing translation of `table`: (keys, fields) pairs."""
        spec = ct.TABLES[table]
        out = []
        for e in ct.parse_entries(os.path.join(ROOT, 'include/smtpcodes/detail', table + '.inc')):
            strings = [f for f in e if isinstance(f, str) and '::' not in f]
            fields = [strings[i] for i in spec['verbatim']]
            fields += [fake_translation(strings[i]) if strings[i] else '' for i in spec['translated']]
            out.append((e[:spec['keys']], fields))
        return out

    def write(self, table, entries, raw=None):
        path = os.path.join(self.lang, table + '.inc')
        if raw is not None:
            with open(path, 'wb') as f:
                f.write(raw)
            return
        with open(path, 'w', encoding='utf-8') as f:
            f.write('// test catalog\n')
            for keys, fields in entries:
                f.write('{' + ', '.join(map(str, keys)) + ', ' +
                        ', '.join(literal(x) for x in fields) + '},\n')

    def run_checker(self):
        r = subprocess.run([sys.executable, os.path.join(ROOT, 'tools/check_translation.py'),
                            '--root', self.root, 'xx'], capture_output=True, text=True, timeout=60)
        return r.returncode, r.stdout + r.stderr

    def test_a_catalog_that_keeps_every_code_passes(self):
        status, out = self.run_checker()
        self.assertEqual(status, 0, out)
        self.assertIn('xx: 0 problem(s) in %d table(s)' % len(ct.TABLES), out)

    def test_a_missing_entry_is_reported(self):
        e = self.entries('reply_code_table')
        self.write('reply_code_table', e[:-1])
        status, out = self.run_checker()
        self.assertEqual(status, 1)
        self.assertIn(f'reply_code_table: {len(e) - 1} entries, English has {len(e)}', out)

    def test_keys_out_of_order_are_reported(self):
        e = self.entries('enhanced_detail_table')
        e[3], e[4] = e[4], e[3]
        self.write('enhanced_detail_table', e)
        status, out = self.run_checker()
        self.assertEqual(status, 1)
        self.assertRegex(out, r'enhanced_detail_table entry 3 \[\d+, \d+\]: keys are')

    def test_english_left_is_reported(self):
        e = self.entries('enhanced_class_table')
        e[0][1][1] += ': there is no more to do'
        self.write('enhanced_class_table', e)
        status, out = self.run_checker()
        self.assertEqual(status, 1)
        self.assertIn('enhanced_class_table entry 0 [2] description: English words left', out)

    def test_an_untouched_english_text_is_reported(self):
        english = ct.parse_entries(
            os.path.join(ROOT, 'include/smtpcodes/detail/enhanced_subject_table.inc'))
        e = self.entries('enhanced_subject_table')
        e[1][1][0] = english[1][1]  # the registry label, as it is in English
        self.write('enhanced_subject_table', e)
        status, out = self.run_checker()
        self.assertEqual(status, 1)
        self.assertIn('enhanced_subject_table entry 1 [1] label: left in English', out)

    def test_a_text_of_quoted_replies_only_may_stay_as_in_english(self):
        # The bounce reasons' "when" of onhold is a list of quoted reply texts: nothing to
        # translate, so the same text passes; with prose outside the quotes it is reported.
        entries = self.entries('bounce_reason_table')
        english = [e for e in ct.parse_entries(
            os.path.join(ROOT, 'include/smtpcodes/detail/bounce_reason_table.inc'))
            if e[0] == 'bounce_reason::onhold'][0]
        index = [i for i, (keys, _) in enumerate(entries) if keys == ['bounce_reason::onhold']][0]
        entries[index][1][1] = english[3]
        self.write('bounce_reason_table', entries)
        status, out = self.run_checker()
        self.assertEqual(status, 0, out)
        entries[index][1][1] = english[3] + ', sent by the server after DATA'
        self.write('bounce_reason_table', entries)
        status, out = self.run_checker()
        self.assertEqual(status, 1, out)
        self.assertIn('onhold', out)

    def test_a_dropped_rfc_number_or_code_is_reported(self):
        e = self.entries('reply_code_table')
        # Find a description naming an RFC and drop its number.
        for i, (keys, fields) in enumerate(e):
            if re.search(r'RFC \d+', fields[2]):
                fields[2] = re.sub(r'RFC \d+', 'RFC', fields[2], count=1)
                break
        self.write('reply_code_table', e)
        status, out = self.run_checker()
        self.assertEqual(status, 1)
        self.assertRegex(out, rf"reply_code_table entry {i} \[\d+\] description: 'RFC\d+' "
                              r"appears \d+x in English")

    def test_a_changed_command_name_is_reported(self):
        e = self.entries('reply_code_usage_table')
        e[0][1][0] = 'ДЕМАРРТЛС'
        self.write('reply_code_usage_table', e)
        status, out = self.run_checker()
        self.assertEqual(status, 1)
        self.assertIn("reply_code_usage_table entry 0 [220] context: must stay 'STARTTLS'", out)

    def run_part(self, start, path):
        r = subprocess.run([sys.executable, os.path.join(ROOT, 'tools/check_translation.py'),
                            '--root', self.root, '--part', str(start), 'xx', 'provider_table',
                            path], capture_output=True, text=True, timeout=60)
        return r.returncode, r.stdout + r.stderr

    def test_a_part_is_checked_against_the_english_entries_it_starts_at(self):
        e = self.entries('provider_table')
        self.write('provider_table', e[10:20])
        path = os.path.join(self.lang, 'provider_table.inc')
        status, out = self.run_part(10, path)
        self.assertEqual(status, 0, out)
        self.assertIn('xx: 0 problem(s) in provider_table entries 10-19', out)
        # The same part taken for one starting elsewhere: keys do not match.
        status, out = self.run_part(11, path)
        self.assertEqual(status, 1, out)
        self.assertIn('provider_table entry 11', out)
        # More entries than the English has from there on.
        status, out = self.run_part(len(e) - 5, path)
        self.assertEqual(status, 1, out)
        self.assertIn(f'10 entries from entry {len(e) - 5}, English has 5', out)

    def test_invalid_utf8_is_reported_with_its_offset(self):
        self.write('enhanced_class_table', None, raw=b'// x\n{2, "\xc3("sv},\n')
        status, out = self.run_checker()
        self.assertNotEqual(status, 0)
        self.assertIn('not valid UTF-8 at byte 10', out)


if __name__ == '__main__':
    unittest.main()
