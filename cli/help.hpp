// The smtpcodes tool's help texts: the overview (`smtpcodes --help`) and one per command
// (`smtpcodes COMMAND --help`, `smtpcodes help COMMAND`). Every line fits 80 columns (a test
// checks it), so they are printed as written, whatever the terminal's width.
#ifndef SMTPCODES_CLI_HELP_HPP
#define SMTPCODES_CLI_HELP_HPP

#include <string_view>

namespace smtpcodes_cli {

constexpr std::string_view overview_help =
    R"(smtpcodes - explain SMTP reply codes and enhanced status codes

Usage: smtpcodes COMMAND [ARGUMENTS] [OPTIONS]

Commands:
  explain CODE|TEXT|- [--json] [--lang L]
                            explain a reply code (550), an enhanced status
                            code (5.7.1), or the reply in a pasted reply,
                            log line or bounce (stdin with - or no TEXT)
  compare A B [--json] [--lang L]
                            compare two codes (235 354, 5.1.1 5.7.1, 550 5.7.1)
  list [--class N] [--enhanced] [--json] [--lang L]
                            list the registered reply codes, or with
                            --enhanced the enhanced status codes
  replies [FILE] [--accept-8bit] [--bare-lf reject|normalize] [--json]
          [--lang L]        parse a server-to-client stream (stdin by
                            default): each reply, what it means, what to do
  commands [FILE] [--bare-lf reject|normalize] [--no-redact] [--json]
           [--lang L]       parse a client-to-server stream: each command
                            with its path and parameters, credentials masked
  session --client FILE --server FILE [--lmtp] [--json] [--lang L]
                            match one connection's commands with their
                            replies: recipients, DATA result, violations
  bounce [FILE...] [--json] [--lang L]
                            read bounce messages (.eml or mbox, stdin by
                            default): each recipient, its reason, hard or
                            soft, and what to do
  dot encode [FILE] [--bare-lf reject|normalize|pass] [--lang L]
                            dot-stuff a message, add its CRLF.CRLF terminator
  dot decode [FILE] [--bare-lf reject|normalize|pass] [--lang L]
                            un-stuff DATA octets up to CRLF.CRLF
  help [COMMAND] [--lang L] this text, or a command's help
  --version                 the library version

'smtpcodes COMMAND --help' explains a command and its options. Each option
may be given once; an option a command does not take is an error.

--json prints one JSON document (explain, compare, list) or, for the streams
(replies, commands), JSON Lines: one JSON object per line, one per reply or
command, the last one {"error": NAME, "offset": N} on a protocol error.

replies and commands read LF-only pastes and logs with --bare-lf normalize (a
bare LF ends a line); by default a bare LF is an error (RFC 5321 2.3.8).

Input text is printed safely: with --json every string is valid UTF-8 (each
ill-formed UTF-8 sequence becomes U+FFFD; control characters are \u00XX); as
text, control characters and ill-formed UTF-8 are shown as \xHH per octet.
Text output wraps at the terminal's width: COLUMNS if set, else the width of
the terminal, else 80, counting display columns (a Chinese character takes
two); Chinese text breaks between characters, Arabic is printed in logical
order.

--lang ar|fr|zh|tr|ru|en (every command): the language of the explanations,
labels, headings, messages and help: Arabic, French, Simplified Chinese,
Turkish, Russian or English. Without it, the first of LC_ALL,
LC_MESSAGES and LANG that is set and not empty decides by its language part
(fr_FR.UTF-8 is French; C, POSIX and languages not listed are English).
Codes, command verbs, RFC numbers and --json field names are never
translated; --json gives the same fields with the texts in that language,
reply classes and categories (5yz, x5z) included; explain TEXT gives the
bounce reason's description and fix in it (the reason's name, userunknown,
never changes).
Everything a person reads is in the language: comparisons, provider texts,
notes, advice, error descriptions, the messages on stderr and this help.
Identifiers stay English: --json's status words, error names (bare_lf),
violation names and option names.

Exit status: 0 on success, 1 on a protocol error in parsed input, 2 on a usage
error, a code that is not valid, or a file that cannot be read. Every message
on stderr starts with 'smtpcodes: '.
)";

constexpr std::string_view explain_help =
    R"(Usage: smtpcodes explain CODE [--json] [--lang L]
       smtpcodes explain TEXT [--json] [--lang L]
       smtpcodes explain [-] [--json] [--lang L]   (reads TEXT from stdin)

Explains a reply code (550) or an enhanced status code (5.7.1): its name,
class, what it means, when you see it, how to fix it, and the RFC. A
well-formed code that is not registered is explained from its digits.

A reply code is three digits: the first 2-5, the second 0-5 (RFC 5321 4.2).
An enhanced status code is class.subject.detail with class 2, 4 or 5 and
subject and detail of 1 to 3 digits without leading zeros (RFC 3463).

Any other TEXT is searched for the reply in it: "550 5.1.1 User unknown",
"550-5.1.1", Exchange's "#550 5.1.1 ... ##" and "#5.1.1", a multi-line reply
(LF or CRLF), DSN lines (Status:, Diagnostic-Code:), and Postfix, Exim,
Sendmail, Microsoft 365 and Gmail bounces ("said:", "refused to talk to
me:", "stat=", "The response was:"). It shows the basic code, the enhanced
code, the command the reply answered when the text says so (RCPT, DATA for
the end of data, CONNECT for the greeting), the server's text, what the
codes mean and what to do: who acts, what to check first and whether to
retry, for the common replies. Paste a whole bounce with 'explain -' (or
no TEXT) on stdin. Text with no code in it is an error (exit status 2).

Options:
  --json   one JSON object; the field names are stable (see README.md). A
           bare code gives kind "reply_code" or "enhanced_status"; TEXT gives
           kind "reply": code, enhanced, mismatched_enhanced, command, text,
           match, marker, lines, offset, reply_code, enhanced_status, common
           (null when absent)
  --lang L the language of the text and of --json's texts: ar, fr, zh, tr,
           ru or en (default: from LC_ALL, LC_MESSAGES, LANG; the field names
           stay English; see 'smtpcodes --help' for what is still English)
)";

constexpr std::string_view compare_help =
    R"(Usage: smtpcodes compare A B [--json] [--lang L]

Compares two codes: two reply codes (235 354), two enhanced status codes
(5.1.1 5.7.1) or one of each (550 5.7.1). Says what differs in meaning
and when you meet which, what the client does next after each, and every
aspect in which they differ, then explains both codes.

Options:
  --json   one JSON object: first, second, kind, same_code, same_class,
           same_category, relation, next_step, differences
  --lang L the language of the comparison, the codes' explanations and the
           headings: ar, fr, zh, tr, ru or en (default: from LC_ALL,
           LC_MESSAGES, LANG); English where the language has no compare
           tables yet
)";

constexpr std::string_view list_help =
    R"(Usage: smtpcodes list [--class N] [--enhanced] [--json] [--lang L]

Lists every registered reply code or, with --enhanced, every registered
enhanced status code (as X.subject.detail).

Options:
  --class N    only class N: 2, 3, 4 or 5 (with --enhanced: 2, 4 or 5, and
               the codes are shown as N.subject.detail)
  --enhanced   the enhanced status codes (RFC 3463, IANA registry)
  --json       one JSON array of the objects explain --json prints
  --lang L     the language of the names and texts: ar, fr, zh, tr, ru or en
               (default: from LC_ALL, LC_MESSAGES, LANG); with --json the
               same fields, their texts in that language
)";

constexpr std::string_view replies_help =
    R"(Usage: smtpcodes replies [FILE] [--accept-8bit] [--bare-lf reject|normalize]
                         [--json] [--lang L]

Parses a server-to-client byte stream (FILE, or stdin when FILE is absent or
'-') and prints each reply with its code, enhanced code, lines, what it
means and what to do about it. Exit status 1 on a protocol error, with its
name and byte offset.

Options:
  --accept-8bit         accept octets 0x80-0xFF in reply text (SMTPUTF8
                        servers, RFC 6531)
  --bare-lf reject      a bare LF is an error (the default)
  --bare-lf normalize   a bare LF ends a line, as CRLF does: for LF-only
                        pastes and logs
  --json                JSON Lines: one object per line, one per reply:
                        code, enhanced (or null), lines (the texts), start
                        and final (byte offsets of the reply's first octet
                        and just past its last), name, fix and enhanced_fix
                        (or null); a protocol error ends the output with
                        {"error": NAME, "offset": N}
  --lang L              the language of the names, meanings and advice: ar,
                        fr, zh, tr, ru or en (default: from LC_ALL,
                        LC_MESSAGES, LANG)
)";

constexpr std::string_view commands_help =
    R"(Usage: smtpcodes commands [FILE] [--bare-lf reject|normalize] [--no-redact]
                          [--json] [--lang L]

Parses a client-to-server byte stream (FILE, or stdin when FILE is absent or
'-') and prints each command with its path and parameters. DATA contents
(assuming the server answered 354) are read up to CRLF.CRLF with the dot
codec, BDAT chunks by their size; both are shown as octet counts. Exit status
1 on a protocol error, with its name and byte offset.

Credentials are masked as *** by default: the initial response of AUTH
('AUTH PLAIN ***') and the lines after AUTH taken for SASL responses (the
answers to the server's 334 challenges). Only the client's side is known, so
after AUTH every line is taken for a response until one starts with a known
command verb and is not base64: a command such as QUIT sent right after AUTH
is masked too. An empty response, "=" and the cancel "*" reveal nothing and
are shown.

Options:
  --bare-lf reject      a bare LF is an error (the default)
  --bare-lf normalize   a bare LF ends a command line, and in DATA becomes
                        CRLF; a "." line ended by a bare LF still does not
                        end DATA (SMTP smuggling), only CRLF.CRLF does
  --no-redact           show credentials: every line as a command, as sent
                        (for a capture you may read; never for shared logs)
  --json                JSON Lines: one object per line: a command as verb,
                        known, argument, path and params (MAIL and RCPT),
                        offset, and "redacted": true when masked; DATA and
                        BDAT contents as {"data": OCTETS, "kind",
                        "message_octets", "offset"}; a SASL response as
                        {"kind": "sasl_response", "text", "redacted",
                        "offset"}; a protocol error ends the output with
                        {"error": NAME, "offset": N}
  --lang L              the language of the labels and messages (see
                        'smtpcodes --help')
)";

constexpr std::string_view bounce_help =
    R"(Usage: smtpcodes bounce [FILE...] [--json] [--lang L]

Reads bounce messages, each FILE a message (.eml) or an mbox of them (stdin
when no FILE or '-'), and prints each recipient: the action (failed,
delayed...), the enhanced status code, the reply the remote server gave and
the command it answered, the bounce reason (userunknown, mailboxfull,
blocked, ...), whether it is a hard bounce, the provider when one is known,
and what to do.

A hard bounce is one that retrying can never fix: the address or domain does
not exist, has moved, or accepts no mail. Blocks, full mailboxes and policy
rejections are soft even with a 5yz code: the address is good, the sender
must fix something first. A delayed recipient is never a hard bounce.

Delivery status notifications (RFC 3464, in a multipart/report, RFC 6522)
are read field by field, Diagnostic-Code's "smtp;" text as a reply. A bounce
without a report part (qmail, older Exim and Sendmail, many gateways) is
searched for the reply its text quotes, like 'explain'. An abuse report
(RFC 5965) is 'feedback'; an automatic reply (RFC 3834) is 'vacation'.

--json prints JSON Lines: one object per recipient with the fields file,
recipient, action, status (enhanced code or null), reply_code (number or
null), command, diagnostic, remote_mta, reason, hard_bounce (true or
false), provider (an identifier such as "microsoft" or null) and fix. A
message that cannot be parsed gives {"file", "error", "offset"} and exit
status 1 after the other messages.

--lang L (ar, fr, zh, tr, ru or en; default: from LC_ALL, LC_MESSAGES, LANG)
gives the labels, the reason's description and the fix in that language.

Examples:
  smtpcodes bounce returned.eml
  smtpcodes bounce --json /var/mail/bounces
)";

constexpr std::string_view session_help =
    R"(Usage: smtpcodes session --client FILE --server FILE [--lmtp] [--json]
                         [--lang L]

Reads the two byte streams of one SMTP connection, as a proxy or a capture
gives them: --client what the client sent, --server what the server sent
('-' for stdin in one of them). Each command is matched with the reply it
got, in order (pipelined replies come in the order of their commands, RFC
2920), and printed with it; MAIL and RCPT with their addresses, DATA and
BDAT with the reply after the content (in LMTP, --lmtp, one per accepted
recipient, RFC 2033). Lines that answer a 334 challenge are shown as
'AUTH (response)', never as sent. Reading stops at STARTTLS: what follows
is TLS.

Violations, each with its offset (client or server stream):
  unexpected_reply_code    a code that command can never get (RFC 5321
                           4.3.2)
  no_reply                 the server stream ended before the reply
  bad_reply:ERROR          the server broke the reply syntax
  bad_command:ERROR        the client broke the command syntax
  unterminated_data        the content ended before CRLF.CRLF or BDAT's size
  pipelined_after_starttls text where the client's TLS should start
  plaintext_after_starttls text where the server's TLS should start (a reply
                           injected before the handshake, CVE-2011-0411)
  unsolicited_reply        a reply no command asked for
Exit status 1 when there is a violation.

--json prints JSON Lines: one object per command with the fields command
(the verb; CONNECT for the greeting), offset (client stream), reply (code
or null), reply_offset (server stream), violation (a name or null); the
DATA or BDAT LAST object also has data_reply (the code after the content;
in LMTP an array, one per accepted recipient). --lang L: the language of the
labels and messages (see 'smtpcodes --help').

Examples:
  smtpcodes session --client c2s.bin --server s2c.bin
  smtpcodes session --lmtp --json --client c2s --server s2c
)";

constexpr std::string_view dot_help =
    R"(Usage: smtpcodes dot encode [FILE] [--bare-lf reject|normalize|pass] [--lang L]
       smtpcodes dot decode [FILE] [--bare-lf reject|normalize|pass] [--lang L]

encode dot-stuffs a message (FILE, or stdin) and writes it with its
CRLF.CRLF terminator. decode un-stuffs DATA octets up to CRLF.CRLF and
writes the message; where data ended and how many bytes follow is reported
on stderr. Rejected input: the error and its byte offset on stderr, exit
status 1.

Options:
  --bare-lf POLICY   what happens to a CR or LF that is not part of CRLF:
                     reject (default: an error with its offset), normalize
                     (turn it into CRLF; it never ends data), pass (keep it
                     as content; dangerous when relaying: SMTP smuggling)
  --lang L           the language of the messages on stderr (see
                     'smtpcodes --help')
)";

constexpr std::string_view help_help =
    R"(Usage: smtpcodes help [COMMAND] [--lang L]

Prints the overview, or the help of COMMAND (the same as
'smtpcodes COMMAND --help').
)";

/// The help texts in one language: English here; the others in cli/help/XX.hpp, which keep the
/// English texts' command names, options, their values and the examples' arguments, and fit
/// 80 display columns (a CJK character is two; a test checks every language).
struct help_texts {
  std::string_view overview;
  std::string_view explain;
  std::string_view compare;
  std::string_view list;
  std::string_view replies;
  std::string_view commands;
  std::string_view session;
  std::string_view bounce;
  std::string_view dot;
  std::string_view help;
};

inline constexpr help_texts help_en = {overview_help, explain_help,  compare_help, list_help,
                                       replies_help,  commands_help, session_help, bounce_help,
                                       dot_help,      help_help};

}  // namespace smtpcodes_cli

#endif  // SMTPCODES_CLI_HELP_HPP
