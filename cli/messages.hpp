// The smtpcodes tool's own words in each language it speaks (issue 15): the headings and labels
// of every command's text output (explain, compare, list, replies, commands, session, bounce)
// and its messages on stderr, and the punctuation around them. The explanations come from the
// library's catalogs (<smtpcodes/lang/XX.hpp>); the terms follow docs/glossary/XX.md. Codes,
// command verbs, RFC numbers and JSON field names are never translated.
#ifndef SMTPCODES_CLI_MESSAGES_HPP
#define SMTPCODES_CLI_MESSAGES_HPP

#include <cstddef>
#include <cstdlib>
#include <initializer_list>
#include <iterator>
#include <smtpcodes/bounce_reason.hpp>
#include <smtpcodes/catalog.hpp>
#include <smtpcodes/lang/ar.hpp>
#include <smtpcodes/lang/fr.hpp>
#include <smtpcodes/lang/ru.hpp>
#include <smtpcodes/lang/tr.hpp>
#include <smtpcodes/lang/zh.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "help.hpp"
#include "help/ar.hpp"
#include "help/fr.hpp"
#include "help/ru.hpp"
#include "help/tr.hpp"
#include "help/zh.hpp"

namespace smtpcodes_cli {

/// Every label and heading the tool prints in text output, in one language.
struct messages {
  // explain CODE: the labels of a reply code's header lines
  std::string_view klass;       ///< "class" (first digit, 5yz; also 5.X.X)
  std::string_view category;    ///< "category" (second digit, x5z)
  std::string_view status;      ///< "status" (current, obsolete...)
  std::string_view replies_to;  ///< "replies to" (the commands)
  std::string_view defined_in;  ///< "defined in" (the RFCs)
  // explain ENHANCED: the labels of an enhanced code's header lines
  std::string_view subject;      ///< "subject" (X.1.X)
  std::string_view registered;   ///< "registered" (in the IANA registry)
  std::string_view basic_codes;  ///< "basic codes" (451, 550)
  std::string_view yes;
  std::string_view no;
  std::string_view unregistered_subject;  ///< "(unregistered subject)"
  // code_status values, in text output (JSON keeps the English identifiers)
  std::string_view current;
  std::string_view obsolete;
  std::string_view historic;
  std::string_view registry_only;
  std::string_view unregistered;
  // section headings
  std::string_view what_it_means;
  std::string_view when_you_see_it;
  std::string_view how_to_fix_it;
  std::string_view in_specific_commands;
  std::string_view subject_heading;  ///< "Subject": the subject's description
  // a provider's own code (explain 5.7.606, explain TSS04)
  std::string_view provider_specific;  ///< "(provider-specific)"
  std::string_view reason;
  std::string_view source;
  std::string_view hard_bounce;
  std::string_view soft_bounce;
  std::string_view from_its_digits;  ///< "From its digits (RFC 3463)"
  // explain TEXT: a reply found in pasted text
  std::string_view code;
  std::string_view enhanced;
  std::string_view answers;
  std::string_view server_said;
  std::string_view answering;         ///< "answering" in "(answering RCPT)"
  std::string_view no_command;        ///< "(the text does not say which command)"
  std::string_view no_text;           ///< "(no text)"
  std::string_view ignored_enhanced;  ///< an enhanced code whose class disagrees
  std::string_view bounce_reason;
  std::string_view hard;  ///< "hard bounce", after a reason
  std::string_view soft;  ///< "soft", after a reason
  std::string_view provider;
  std::string_view meaning;
  std::string_view retry;
  std::string_view fix;
  std::string_view what_to_do;
  std::string_view who_acts;
  std::string_view check_first;
  // compare
  std::string_view versus;  ///< "vs"
  std::string_view same_code;
  std::string_view same_class;
  std::string_view same_category;
  std::string_view next_step;
  std::string_view how_they_differ;
  // replies
  std::string_view bytes;
  std::string_view line;       ///< "1 line"
  std::string_view lines;      ///< "5 lines" (Arabic: 11 and more; Russian: 5-20, 25...)
  std::string_view lines_two;  ///< Arabic dual: 2
  std::string_view lines_few;  ///< Arabic 3-10; Russian 2-4, 22-24...
  // bounce: the labels of a recipient's lines, and the head line
  std::string_view diagnostic;
  std::string_view remote_mta;    ///< "remote MTA"
  std::string_view see;           ///< the provider's page
  std::string_view to_do;         ///< "what to do"
  std::string_view no_recipient;  ///< "(recipient not named)"
  std::string_view at_byte;       ///< "at byte" 1234 (a message in an mbox)
  std::string_view from;          ///< "from" the reporting MTA
  // errors on stderr, after the quoted code (explain, compare)
  std::string_view bad_digits;         ///< " is not a valid SMTP reply code: ..."
  std::string_view not_reply_code;     ///< " is not a reply code: ..."
  std::string_view not_enhanced_code;  ///< " is not an enhanced status code: ..."
  // errors on stderr, whole: patterns whose {name} placeholders fill() replaces (a language
  // may move them). Option and command names, codes, error names and the system's reason
  // (strerror) are put in as they are, never translated.
  std::string_view unknown_option;       ///< {option} before the command
  std::string_view unknown_option_for;   ///< {option}, {command}
  std::string_view given_twice;          ///< {option}
  std::string_view needs_value;          ///< {option} (a file name)
  std::string_view needs_value_of;       ///< {option}, {choices}
  std::string_view takes_no_value;       ///< {option}
  std::string_view takes_choices;        ///< {option}, {choices}, {value}
  std::string_view list_comma;           ///< between choices: "a, b or c"
  std::string_view list_or;              ///< before the last choice
  std::string_view missing_command;      ///< no command given
  std::string_view unknown_command;      ///< {command}
  std::string_view help_takes_one;       ///< {count}
  std::string_view cannot_read;          ///< {file}, {reason}
  std::string_view standard_input;       ///< the {file} of cannot_read for stdin
  std::string_view is_directory;         ///< the {reason} of cannot_read for a directory
  std::string_view takes_one_file;       ///< {command}, {count}
  std::string_view explain_takes_one;    ///< {count}
  std::string_view explain_needs_code;   ///< no code, stdin a terminal
  std::string_view explain_empty_stdin;  ///< stdin empty
  std::string_view explain_empty_text;   ///< the code given was blank
  std::string_view no_reply_code;        ///< {excerpt}: explain TEXT found no code
  std::string_view compare_needs_two;    ///< {count}
  std::string_view list_no_arguments;    ///< {argument}
  std::string_view no_enhanced_class_3;  ///< list --enhanced --class 3
  std::string_view session_no_operands;
  std::string_view session_needs_both;
  std::string_view one_stdin;       ///< session: both streams "-"
  std::string_view dot_needs_mode;  ///< dot without encode or decode
  std::string_view protocol_error;  ///< {what}: {error} at byte {offset} ({text})
  std::string_view dot_trailing;    ///< {what}, {offset}, {count}: bytes after the end of data
  // session text output: after each step (the verb, codes, offsets and violation names as
  // they are, as in --json)
  std::string_view reply_at;             ///< {offset}: "(server @{offset})", where the reply is
  std::string_view no_reply;             ///< "no reply": the server stream ended first
  std::string_view content_size;         ///< {count}: "content {count} octets" (DATA, BDAT)
  std::string_view accepted;             ///< "(accepted)": the message, by the reply after it
  std::string_view not_accepted;         ///< "(not accepted)"
  std::string_view recipient_accepted;   ///< "(recipient accepted)": RCPT's reply
  std::string_view recipient_refused;    ///< "(recipient refused)"
  std::string_view violation_in_server;  ///< {violation}, {offset}: in the server stream
  std::string_view violation_in_client;  ///< {violation}, {offset}: in the client stream
  std::string_view sasl_answer;          ///< "(response)": AUTH <(response)>, never shown
  std::string_view unsolicited;          ///< "(none)": the command of a reply none asked for
  std::string_view rest_is_tls;          ///< the streams after STARTTLS
  std::string_view violation_count;      ///< {count}: "1 violation"
  std::string_view violations_count;     ///< {count}: "0 violations", "5 violations" (many)
  std::string_view violations_two;       ///< {count}: Arabic dual: 2
  std::string_view violations_few;       ///< {count}: Arabic 3-10; Russian 2-4, 22-24...
  // commands text output: after a line
  std::string_view sasl_empty;      ///< "(SASL response, empty)"
  std::string_view sasl_redacted;   ///< "(SASL response, redacted)": masked
  std::string_view sasl_shown;      ///< "(SASL response)": nothing to mask, or --no-redact
  std::string_view unknown_verb;    ///< "(unknown command)"
  std::string_view redacted;        ///< "(redacted)": the command's argument masked
  std::string_view content_octets;  ///< {kind} (DATA, BDAT, BDAT LAST), {octets}, {message}
  // bounce_retry values after the "retry" label, in text output (explain TEXT, bounce); English
  // and --json keep smtpcodes::to_string's identifiers
  std::string_view retry_with_backoff;
  std::string_view retry_after_fix;
  std::string_view retry_never;
  std::string_view retry_not_applicable;
};

/// `pattern` with each {name} replaced by its value in `values`; a {name} not in `values` is
/// left as it is. Values are put in as they are (a brace in a value is not a placeholder).
inline std::string fill(
    std::string_view pattern,
    std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    const std::size_t open = pattern.find('{', i);
    const std::size_t close = open == std::string_view::npos ? open : pattern.find('}', open + 1);
    if (close == std::string_view::npos) break;
    out.append(pattern.substr(i, open - i));
    const std::string_view name = pattern.substr(open + 1, close - open - 1);
    const std::pair<std::string_view, std::string_view>* hit = nullptr;
    for (const auto& v : values)
      if (v.first == name) hit = &v;
    if (hit == nullptr) {
      out += '{';  // not a placeholder given: kept, and the text after it read on
      i = open + 1;
    } else {
      out.append(hit->second);
      i = close + 1;
    }
  }
  out.append(pattern.substr(i));
  return out;
}

// English: the tool's output as it has always been.
inline constexpr messages messages_en = {
    "class",
    "category",
    "status",
    "replies to",
    "defined in",
    "subject",
    "registered",
    "basic codes",
    "yes",
    "no",
    "(unregistered subject)",
    "current",
    "obsolete",
    "historic",
    "registry only",
    "unregistered",
    "What it means",
    "When you see it",
    "How to fix it",
    "In specific commands",
    "Subject",
    "(provider-specific)",
    "reason",
    "source",
    "hard bounce",
    "soft bounce",
    "From its digits (RFC 3463)",
    "code",
    "enhanced",
    "answers",
    "server said",
    "answering",
    "(the text does not say which command)",
    "(no text)",
    "ignored: its class disagrees with the basic code's first digit, which decides (RFC 3463 "
    "§2)",
    "Bounce reason",
    "hard bounce",
    "soft",
    "provider",
    "meaning",
    "retry",
    "fix",
    "What to do",
    "who acts",
    "check first",
    "vs",
    "Same code",
    "Same class",
    "Same category",
    "Next step",
    "How they differ",
    "bytes",
    "line",
    "lines",
    "lines",
    "lines",
    "diagnostic",
    "remote MTA",
    "see",
    "what to do",
    "(recipient not named)",
    "at byte",
    "from",
    " is not a valid SMTP reply code: the first digit must be 2-5 and the second 0-5",
    " is not a reply code: expected three digits such as 550",
    " is not an enhanced status code: expected class.subject.detail such as 5.7.1 (class 2, 4 or "
    "5; 1-3 digits each, no leading zeros)",
    "unknown option {option}; try 'smtpcodes --help'",
    "unknown option {option} for {command}; try 'smtpcodes {command} --help'",
    "{option} is given twice; give it once",
    "{option} needs a value",
    "{option} needs a value: {choices}",
    "{option} takes no value",
    "{option} takes {choices}, not {value}",
    ", ",
    " or ",
    "missing command; try 'smtpcodes --help'",
    "unknown command {command}; try 'smtpcodes --help'",
    "help takes one command, got {count}",
    "cannot read {file}: {reason}",
    "standard input",
    "it is a directory",
    "{command} takes at most one FILE, got {count}",
    "explain takes one code or text (quote it, or give '-' and paste it on stdin), got {count}",
    "explain needs a code or a reply, e.g. 'smtpcodes explain 550', 'explain 5.7.1' or 'explain "
    "\"550 5.1.1 User unknown\"'; 'explain -' reads a paste from stdin",
    "explain needs a code or a reply, e.g. 'smtpcodes explain 550'; standard input was empty",
    "explain needs a code or a reply, e.g. 'smtpcodes explain 550'; the text was empty",
    "no SMTP reply code in {excerpt}: looked for a basic code 2xx-5xx standing alone or at a "
    "line's start (550), an enhanced code (5.1.1), also after markers such as \"said:\", "
    "\"Status:\" or \"#\"",
    "compare needs two codes, reply codes or enhanced codes, e.g. 'smtpcodes compare 235 354' or "
    "'smtpcodes compare 550 5.7.1' (got {count})",
    "list takes no arguments, got {argument}",
    "enhanced status codes have no class 3 (only 2, 4, 5)",
    "session takes its streams as --client FILE and --server FILE, not operands",
    "session needs both --client FILE and --server FILE",
    "only one of the streams can be stdin",
    "dot needs 'encode' or 'decode', e.g. 'smtpcodes dot decode message.eml'",
    "{what}: {error} at byte {offset} ({text})",
    "{what}: end of data at byte {offset}; {count} trailing bytes not decoded",
    "(server @{offset})",
    "no reply",
    "content {count} octets",
    "(accepted)",
    "(not accepted)",
    "(recipient accepted)",
    "(recipient refused)",
    "VIOLATION {violation} at server byte {offset}",
    "VIOLATION {violation} at client byte {offset}",
    "(response)",
    "(none)",
    "(STARTTLS: the rest of both streams is TLS)",
    "{count} violation",
    "{count} violations",
    "{count} violations",
    "{count} violations",
    "(SASL response, empty)",
    "(SASL response, redacted)",
    "(SASL response)",
    "(unknown command)",
    "(redacted)",
    "({kind}: {octets} octets on the wire, {message} in the message)",
    "retry_with_backoff",
    "retry_after_fix",
    "never",
    "not_applicable",
};

// Arabic (docs/glossary/ar.md): الفئة، الموضوع، الحالة، الرد، رمز الرد، المزوّد، إعادة المحاولة.
inline constexpr messages messages_ar = {
    "الفئة",
    "النوع",
    "الحالة",
    "يرد على",
    "المرجع",
    "الموضوع",
    "مسجّل",
    "رموز الرد",
    "نعم",
    "لا",
    "(موضوع غير مسجّل)",
    "معتمد",
    "متقادم",
    "تاريخي",
    "في سجل IANA فقط",
    "غير مسجّل",
    "المعنى",
    "متى يظهر",
    "طريقة المعالجة",
    "في أوامر بعينها",
    "الموضوع",
    "(خاص بالمزوّد)",
    "السبب",
    "المصدر",
    "فشل دائم",
    "فشل مؤقت",
    "بحسب أرقامه (RFC 3463)",
    "الرمز",
    "الرمز المُحسَّن",
    "ردًّا على",
    "رد الخادم",
    "ردًّا على",
    "(لا يذكر النص الأمر)",
    "(بلا نص)",
    "مُهمَل: فئته تخالف الرقم الأول لرمز الرد، وهو الحاسم (RFC 3463 §2)",
    "سبب إشعار عدم التسليم",
    "فشل دائم",
    "فشل مؤقت",
    "المزوّد",
    "المعنى",
    "إعادة المحاولة",
    "المعالجة",
    "ما العمل",
    "من يتصرف",
    "تحقّق أولًا من",
    "مقابل",
    "الرمز نفسه",
    "الفئة نفسها",
    "النوع نفسه",
    "الخطوة التالية",
    "أوجه الاختلاف",
    "البايتات",
    "سطر",
    "سطرًا",
    "سطران",
    "أسطر",
    "التشخيص",
    "MTA البعيد",
    "انظر",
    "ما العمل",
    "(المستلم غير مذكور)",
    "عند البايت",
    "من",
    " ليس رمز رد SMTP صالحًا: يجب أن يكون الرقم الأول من 2 إلى 5 والثاني من 0 إلى 5",
    " ليس رمز رد: المتوقع ثلاثة أرقام مثل 550",
    " ليس رمز حالة موسّعًا: المتوقع class.subject.detail مثل 5.7.1 (الفئة 2 أو 4 أو 5؛ من 1 إلى 3 "
    "أرقام لكل جزء، بلا أصفار بادئة)",
    "خيار غير معروف {option}؛ جرّب 'smtpcodes --help'",
    "خيار غير معروف {option} للأمر {command}؛ جرّب 'smtpcodes {command} --help'",
    "أُعطي الخيار {option} مرتين؛ أعطه مرة واحدة",
    "يحتاج الخيار {option} إلى قيمة",
    "يحتاج الخيار {option} إلى قيمة: {choices}",
    "لا يأخذ الخيار {option} قيمة",
    "يأخذ الخيار {option} إحدى القيم {choices}، لا {value}",
    "، ",
    " أو ",
    "لم يُذكر أمر؛ جرّب 'smtpcodes --help'",
    "أمر غير معروف {command}؛ جرّب 'smtpcodes --help'",
    "يأخذ الأمر help أمرًا واحدًا، والمُعطى {count}",
    "تعذّرت قراءة {file}: {reason}",
    "الدخل القياسي",
    "إنه مجلد",
    "يأخذ الأمر {command} ملفًا واحدًا (FILE) على الأكثر، والمُعطى {count}",
    "يأخذ الأمر explain رمزًا واحدًا أو نصًّا واحدًا (ضعه بين علامتي اقتباس، أو أعطِ '-' والصقه في الدخل "
    "القياسي)، والمُعطى {count}",
    "يحتاج الأمر explain إلى رمز أو رد، مثل 'smtpcodes explain 550' أو 'explain 5.7.1' أو 'explain "
    "\"550 5.1.1 User unknown\"'؛ و 'explain -' يقرأ نصًّا ملصوقًا من الدخل القياسي",
    "يحتاج الأمر explain إلى رمز أو رد، مثل 'smtpcodes explain 550'؛ كان الدخل القياسي فارغًا",
    "يحتاج الأمر explain إلى رمز أو رد، مثل 'smtpcodes explain 550'؛ كان النص فارغًا",
    "لا يوجد رمز رد SMTP في {excerpt}: جرى البحث عن رمز رد 2xx-5xx منفردًا أو في بداية سطر (550)، "
    "وعن رمز حالة مُحسَّن (5.1.1)، وكذلك بعد علامات مثل \"said:\" و \"Status:\" و \"#\"",
    "يحتاج الأمر compare إلى رمزين، من رموز الرد أو رموز الحالة المُحسَّنة، مثل 'smtpcodes compare "
    "235 354' أو 'smtpcodes compare 550 5.7.1' (المُعطى {count})",
    "لا يأخذ الأمر list وسائط، والمُعطى {argument}",
    "ليس لرموز الحالة المُحسَّنة فئة 3 (الفئات 2 و 4 و 5 فقط)",
    "يأخذ الأمر session تدفقَيه عبر --client FILE و --server FILE، لا وسائطَ",
    "يحتاج الأمر session إلى --client FILE و --server FILE كليهما",
    "لا يكون الدخل القياسي إلا لأحد التدفقَين",
    "يحتاج الأمر dot إلى 'encode' أو 'decode'، مثل 'smtpcodes dot decode message.eml'",
    "{what}: {error} عند البايت {offset} ({text})",
    "{what}: نهاية البيانات عند البايت {offset}؛ عدد البايتات المتبقية دون فك ترميز: {count}",
    "(الخادم @{offset})",
    "لا رد",
    "حجم المحتوى بالبايت: {count}",
    "(قُبلت الرسالة)",
    "(لم تُقبل الرسالة)",
    "(قُبل المستلم)",
    "(رُفض المستلم)",
    "مخالفة {violation} عند البايت {offset} من تدفق الخادم",
    "مخالفة {violation} عند البايت {offset} من تدفق العميل",
    "(رد المصادقة)",
    "(بلا أمر)",
    "(STARTTLS: بقية التدفقَين كليهما بتشفير TLS)",
    "عدد المخالفات: {count}",
    "عدد المخالفات: {count}",
    "عدد المخالفات: {count}",
    "عدد المخالفات: {count}",
    "(رد SASL، فارغ)",
    "(رد SASL، مُخفى)",
    "(رد SASL)",
    "(أمر غير معروف)",
    "(مُخفى)",
    "({kind}: عدد البايتات المنقولة {octets}، وفي الرسالة نفسها {message})",
    "مع إطالة الفاصل بين المحاولات",
    "بعد الإصلاح",
    "أبدًا",
    "لا ينطبق",
};

// French (docs/glossary/fr.md): code de réponse, code d'état étendu, avis de non-remise,
// fournisseur, nouvelle tentative.
inline constexpr messages messages_fr = {
    "classe",
    "catégorie",
    "statut",
    "répond à",
    "référence",
    "sujet",
    "enregistré",
    "codes de base",
    "oui",
    "non",
    "(sujet non enregistré)",
    "en vigueur",
    "obsolète",
    "historique",
    "registre IANA uniquement",
    "non enregistré",
    "Signification",
    "Quand on le rencontre",
    "Comment corriger",
    "Selon la commande",
    "Sujet",
    "(propre au fournisseur)",
    "motif",
    "source",
    "échec permanent",
    "échec temporaire",
    "D'après ses chiffres (RFC 3463)",
    "code",
    "code étendu",
    "répond à",
    "texte du serveur",
    "en réponse à",
    "(le texte ne dit pas à quelle commande)",
    "(aucun texte)",
    "ignoré : sa classe contredit le premier chiffre du code de base, qui l'emporte (RFC 3463 "
    "§2)",
    "Motif de l'avis de non-remise",
    "échec permanent",
    "échec temporaire",
    "fournisseur",
    "signification",
    "nouvelle tentative",
    "correction",
    "Que faire",
    "qui agit",
    "vérifier d'abord",
    "face à",
    "Même code",
    "Même classe",
    "Même catégorie",
    "Étape suivante",
    "Différences",
    "octets",
    "ligne",
    "lignes",
    "lignes",
    "lignes",
    "diagnostic",
    "MTA distant",
    "voir",
    "que faire",
    "(destinataire non nommé)",
    "à l'octet",
    "de",
    " n'est pas un code de réponse SMTP valide : le premier chiffre doit être 2-5 et le deuxième "
    "0-5",
    " n'est pas un code de réponse : trois chiffres attendus, comme 550",
    " n'est pas un code d'état étendu : class.subject.detail attendu, comme 5.7.1 (classe 2, 4 ou "
    "5 ; 1 à 3 chiffres chacun, sans zéro initial)",
    "option inconnue {option} ; essayez 'smtpcodes --help'",
    "option inconnue {option} pour {command} ; essayez 'smtpcodes {command} --help'",
    "{option} est donnée deux fois ; donnez-la une seule fois",
    "{option} attend une valeur",
    "{option} attend une valeur : {choices}",
    "{option} ne prend pas de valeur",
    "{option} prend {choices}, pas {value}",
    ", ",
    " ou ",
    "commande manquante ; essayez 'smtpcodes --help'",
    "commande inconnue {command} ; essayez 'smtpcodes --help'",
    "help n'accepte qu'une commande (reçu : {count})",
    "impossible de lire {file} : {reason}",
    "l'entrée standard",
    "c'est un répertoire",
    "{command} accepte au plus un fichier FILE (reçu : {count})",
    "explain n'accepte qu'un code ou un texte (mettez-le entre guillemets, ou donnez '-' et "
    "collez-le sur l'entrée standard) ; reçu : {count}",
    "explain attend un code ou une réponse, par exemple 'smtpcodes explain 550', 'explain 5.7.1' "
    "ou 'explain \"550 5.1.1 User unknown\"' ; 'explain -' lit un texte collé sur l'entrée "
    "standard",
    "explain attend un code ou une réponse, par exemple 'smtpcodes explain 550' ; l'entrée "
    "standard était vide",
    "explain attend un code ou une réponse, par exemple 'smtpcodes explain 550' ; le texte était "
    "vide",
    "aucun code de réponse SMTP dans {excerpt} : l'outil cherche un code de base 2xx-5xx isolé ou "
    "en début de ligne (550), un code d'état étendu (5.1.1), y compris après des marqueurs comme "
    "\"said:\", \"Status:\" ou \"#\"",
    "compare attend deux codes, codes de réponse ou codes d'état étendus, par exemple 'smtpcodes "
    "compare 235 354' ou 'smtpcodes compare 550 5.7.1' (reçu : {count})",
    "list ne prend aucun argument (reçu : {argument})",
    "les codes d'état étendus n'ont pas de classe 3 (seulement 2, 4, 5)",
    "session reçoit ses flux par --client FILE et --server FILE, pas en arguments",
    "session a besoin de --client FILE et de --server FILE",
    "un seul des flux peut être l'entrée standard",
    "dot attend 'encode' ou 'decode', par exemple 'smtpcodes dot decode message.eml'",
    "{what} : {error} à l'octet {offset} ({text})",
    "{what} : fin des données à l'octet {offset} ; octets restants non décodés : {count}",
    "(serveur @{offset})",
    "pas de réponse",
    "contenu de {count} octets",
    "(accepté)",
    "(non accepté)",
    "(destinataire accepté)",
    "(destinataire refusé)",
    "VIOLATION {violation} à l'octet {offset} du flux du serveur",
    "VIOLATION {violation} à l'octet {offset} du flux du client",
    "(réponse)",
    "(aucune)",
    "(STARTTLS : la suite des deux flux est en TLS)",
    "{count} violation",
    "{count} violations",
    "{count} violations",
    "{count} violations",
    "(réponse SASL, vide)",
    "(réponse SASL, masquée)",
    "(réponse SASL)",
    "(commande inconnue)",
    "(masqué)",
    "({kind} : {octets} octets transmis, {message} dans le message)",
    "avec des délais croissants",
    "après correction",
    "jamais",
    "sans objet",
};

// Russian (docs/glossary/ru.md): код ответа, расширенный код состояния, субъект, уведомление о
// недоставке, провайдер, повторная попытка.
inline constexpr messages messages_ru = {
    "класс",
    "категория",
    "статус",
    "ответ на",
    "источник",
    "субъект",
    "в реестре",
    "коды ответа",
    "да",
    "нет",
    "(субъект не зарегистрирован)",
    "действующий",
    "устаревший",
    "исторический",
    "только в реестре IANA",
    "не зарегистрирован",
    "Что означает",
    "Когда встречается",
    "Как исправить",
    "В отдельных командах",
    "Субъект",
    "(код провайдера)",
    "причина",
    "источник",
    "постоянная ошибка",
    "временная ошибка",
    "По цифрам кода (RFC 3463)",
    "код",
    "расширенный",
    "ответ на",
    "ответ сервера",
    "ответ на",
    "(из текста не видно, на какую команду)",
    "(без текста)",
    "не учитывается: его класс расходится с первой цифрой кода ответа, а решает она (RFC 3463 "
    "§2)",
    "Причина недоставки",
    "постоянная ошибка",
    "временная ошибка",
    "провайдер",
    "значение",
    "повторная попытка",
    "решение",
    "Что делать",
    "кто действует",
    "сначала проверить",
    "и",
    "Тот же код",
    "Тот же класс",
    "Та же категория",
    "Следующий шаг",
    "Чем отличаются",
    "байты",
    "строка",
    "строк",
    "строк",
    "строки",
    "диагностика",
    "удалённый MTA",
    "см.",
    "что делать",
    "(получатель не назван)",
    "на байте",
    "от",
    " — недопустимый код ответа SMTP: первая цифра должна быть 2-5, вторая 0-5",
    " — не код ответа: ожидаются три цифры, например 550",
    " — не расширенный код состояния: ожидается class.subject.detail, например 5.7.1 (класс 2, 4 "
    "или 5; по 1-3 цифры, без ведущих нулей)",
    "неизвестный параметр {option}; см. 'smtpcodes --help'",
    "неизвестный параметр {option} для {command}; см. 'smtpcodes {command} --help'",
    "{option} указан дважды; укажите его один раз",
    "{option} требует значения",
    "{option} требует значения: {choices}",
    "{option} не принимает значения",
    "{option} принимает {choices}, а не {value}",
    ", ",
    " или ",
    "не указана команда; см. 'smtpcodes --help'",
    "неизвестная команда {command}; см. 'smtpcodes --help'",
    "help принимает одну команду, получено: {count}",
    "не удаётся прочитать {file}: {reason}",
    "стандартный ввод",
    "это каталог",
    "{command} принимает не более одного файла FILE, получено: {count}",
    "explain принимает один код или текст (заключите его в кавычки или укажите '-' и вставьте "
    "текст в стандартный ввод), получено: {count}",
    "explain ожидает код или ответ сервера, например 'smtpcodes explain 550', 'explain 5.7.1' или "
    "'explain \"550 5.1.1 User unknown\"'; 'explain -' читает вставленный текст из стандартного "
    "ввода",
    "explain ожидает код или ответ сервера, например 'smtpcodes explain 550'; стандартный ввод "
    "пуст",
    "explain ожидает код или ответ сервера, например 'smtpcodes explain 550'; текст пуст",
    "в {excerpt} нет кода ответа SMTP: искались код ответа 2xx-5xx отдельно или в начале строки "
    "(550) и расширенный код состояния (5.1.1), в том числе после меток вроде \"said:\", "
    "\"Status:\" или \"#\"",
    "compare ожидает два кода — коды ответа или расширенные коды состояния, например 'smtpcodes "
    "compare 235 354' или 'smtpcodes compare 550 5.7.1' (получено: {count})",
    "list не принимает аргументов, получено: {argument}",
    "у расширенных кодов состояния нет класса 3 (только 2, 4, 5)",
    "session получает потоки через --client FILE и --server FILE, а не как аргументы",
    "session требует и --client FILE, и --server FILE",
    "стандартным вводом может быть только один из потоков",
    "dot ожидает 'encode' или 'decode', например 'smtpcodes dot decode message.eml'",
    "{what}: {error} на байте {offset} ({text})",
    "{what}: конец данных на байте {offset}; не декодировано байтов в конце: {count}",
    "(сервер @{offset})",
    "нет ответа",
    "содержимое, байт: {count}",
    "(принято)",
    "(не принято)",
    "(получатель принят)",
    "(получатель отклонён)",
    "НАРУШЕНИЕ {violation} на байте {offset} потока сервера",
    "НАРУШЕНИЕ {violation} на байте {offset} потока клиента",
    "(ответ)",
    "(без команды)",
    "(STARTTLS: дальше оба потока идут в TLS)",
    "{count} нарушение",
    "{count} нарушений",
    "{count} нарушений",
    "{count} нарушения",
    "(ответ SASL, пустой)",
    "(ответ SASL, скрыт)",
    "(ответ SASL)",
    "(неизвестная команда)",
    "(скрыто)",
    "({kind}: байт в потоке: {octets}, в самом письме: {message})",
    "с нарастающим интервалом",
    "после исправления",
    "никогда",
    "неприменимо",
};

// Turkish (docs/glossary/tr.md): yanıt kodu, genişletilmiş durum kodu, sınıf / konu / ayrıntı,
// temel kod, iade, sağlayıcı, yeniden deneme.
inline constexpr messages messages_tr = {
    "sınıf",
    "kategori",
    "durum",
    "komutlar",
    "tanım",
    "konu",
    "kayıtlı",
    "temel kodlar",
    "evet",
    "hayır",
    "(kayıtlı olmayan konu)",
    "geçerli",
    "kullanımdan kalkmış",
    "tarihsel",
    "yalnızca IANA kayıt defterinde",
    "kayıtlı değil",
    "Anlamı",
    "Ne zaman görülür",
    "Nasıl düzeltilir",
    "Komuta göre anlamı",
    "Konu",
    "(sağlayıcıya özgü)",
    "neden",
    "kaynak",
    "kalıcı hata",
    "geçici hata",
    "Rakamlarına göre (RFC 3463)",
    "kod",
    "genişletilmiş kod",
    "komut",
    "sunucunun yanıtı",
    "komut:",
    "(metin hangi komuta yanıt olduğunu söylemiyor)",
    "(metin yok)",
    "yok sayıldı: sınıfı, belirleyici olan temel kodun ilk rakamıyla çelişiyor (RFC 3463 §2)",
    "İade nedeni",
    "kalıcı hata",
    "geçici hata",
    "sağlayıcı",
    "anlamı",
    "yeniden deneme",
    "çözüm",
    "Ne yapılmalı",
    "sorumlu",
    "önce kontrol edin",
    "ile",
    "Aynı kod",
    "Aynı sınıf",
    "Aynı kategori",
    "Sonraki adım",
    "Farkları",
    "bayt",
    "satır",
    "satır",
    "satır",
    "satır",
    "tanı",
    "uzak MTA",
    "bkz.",
    "ne yapmalı",
    "(alıcı belirtilmemiş)",
    "bayt",
    "kaynak",
    " geçerli bir SMTP yanıt kodu değil: ilk rakam 2-5, ikincisi 0-5 olmalı",
    " bir yanıt kodu değil: 550 gibi üç rakam bekleniyor",
    " bir genişletilmiş durum kodu değil: 5.7.1 gibi class.subject.detail bekleniyor (sınıf 2, 4 "
    "veya 5; her biri 1-3 rakam, başta sıfır yok)",
    "bilinmeyen seçenek {option}; 'smtpcodes --help' komutunu deneyin",
    "{command} için bilinmeyen seçenek {option}; 'smtpcodes {command} --help' komutunu deneyin",
    "{option} iki kez verilmiş; bir kez verin",
    "{option} bir değer gerektirir",
    "{option} bir değer gerektirir: {choices}",
    "{option} değer almaz",
    "{option} şunlardan birini alır: {choices}; {value} değil",
    ", ",
    " veya ",
    "komut eksik; 'smtpcodes --help' komutunu deneyin",
    "bilinmeyen komut {command}; 'smtpcodes --help' komutunu deneyin",
    "help tek bir komut alır, {count} verildi",
    "{file} okunamıyor: {reason}",
    "standart girdi",
    "bu bir dizin",
    "{command} en fazla bir dosya (FILE) alır, {count} verildi",
    "explain tek bir kod veya metin alır (tırnak içine alın ya da '-' verip metni standart girdiye "
    "yapıştırın), {count} verildi",
    "explain bir kod veya yanıt bekler, örneğin 'smtpcodes explain 550', 'explain 5.7.1' veya "
    "'explain \"550 5.1.1 User unknown\"'; 'explain -' yapıştırılan metni standart girdiden okur",
    "explain bir kod veya yanıt bekler, örneğin 'smtpcodes explain 550'; standart girdi boştu",
    "explain bir kod veya yanıt bekler, örneğin 'smtpcodes explain 550'; metin boştu",
    "{excerpt} içinde SMTP yanıt kodu yok: tek başına ya da satır başında duran 2xx-5xx temel kodu "
    "(550) ve genişletilmiş durum kodu (5.1.1) arandı, \"said:\", \"Status:\" veya \"#\" gibi "
    "işaretlerden sonra da",
    "compare iki kod bekler (yanıt kodları veya genişletilmiş kodlar), örneğin 'smtpcodes compare "
    "235 354' veya 'smtpcodes compare 550 5.7.1' ({count} verildi)",
    "list argüman almaz, verilen: {argument}",
    "genişletilmiş durum kodlarında 3. sınıf yoktur (yalnızca 2, 4, 5)",
    "session akışlarını argüman olarak değil, --client FILE ve --server FILE ile alır",
    "session hem --client FILE hem --server FILE gerektirir",
    "akışlardan yalnızca biri standart girdi olabilir",
    "dot 'encode' veya 'decode' bekler, örneğin 'smtpcodes dot decode message.eml'",
    "{what}: {offset}. baytta {error} ({text})",
    "{what}: veri sonu {offset}. baytta; sondaki {count} bayt çözülmedi",
    "(sunucu @{offset})",
    "yanıt yok",
    "içerik {count} bayt",
    "(kabul edildi)",
    "(kabul edilmedi)",
    "(alıcı kabul edildi)",
    "(alıcı reddedildi)",
    "İHLAL {violation}, sunucu akışının {offset}. baytında",
    "İHLAL {violation}, istemci akışının {offset}. baytında",
    "(yanıt)",
    "(komut yok)",
    "(STARTTLS: iki akışın geri kalanı TLS)",
    "{count} ihlal",
    "{count} ihlal",
    "{count} ihlal",
    "{count} ihlal",
    "(SASL yanıtı, boş)",
    "(SASL yanıtı, gizlendi)",
    "(SASL yanıtı)",
    "(bilinmeyen komut)",
    "(gizlendi)",
    "({kind}: aktarılan {octets} bayt, iletide {message} bayt)",
    "giderek artan aralıklarla",
    "düzeltildikten sonra",
    "asla",
    "geçerli değil",
};

// Simplified Chinese (docs/glossary/zh.md): 响应码、增强状态码、类别、主题、退信、服务商、重试.
inline constexpr messages messages_zh = {
    "类别",
    "分类",
    "状态",
    "适用命令",
    "定义于",
    "主题",
    "已登记",
    "对应响应码",
    "是",
    "否",
    "（未登记的主题）",
    "现行",
    "已废弃",
    "历史遗留",
    "仅见于 IANA 注册表",
    "未登记",
    "含义",
    "何时出现",
    "如何解决",
    "在特定命令中",
    "主题",
    "（服务商专用）",
    "原因",
    "出处",
    "硬退信",
    "软退信",
    "按数字解读（RFC 3463）",
    "响应码",
    "增强状态码",
    "响应的命令",
    "服务器原文",
    "响应",
    "（文字未说明响应的是哪条命令）",
    "（无文字）",
    "已忽略：其类别与响应码首位数字不符，以响应码为准（RFC 3463 §2）",
    "退信原因",
    "硬退信",
    "软退信",
    "服务商",
    "含义",
    "重试",
    "处理办法",
    "处理建议",
    "由谁处理",
    "先检查",
    "与",
    "代码相同",
    "类别相同",
    "分类相同",
    "下一步",
    "区别",
    "字节",
    "行",
    "行",
    "行",
    "行",
    "诊断",
    "远程 MTA",
    "参见",
    "怎么办",
    "（未写明收件人）",
    "字节位置",
    "来自",
    " 不是有效的 SMTP 响应码：第一位必须是 2-5，第二位必须是 0-5",
    " 不是响应码：应为三位数字，例如 550",
    " 不是增强状态码：应为 class.subject.detail，例如 5.7.1（类别 2、4 或 5；每段 1-3 "
    "位数字，不带前导零）",
    "未知选项 {option}；请参阅 'smtpcodes --help'",
    "{command} 不接受选项 {option}；请参阅 'smtpcodes {command} --help'",
    "{option} 给出了两次；只需给出一次",
    "{option} 需要一个值",
    "{option} 需要一个值：{choices}",
    "{option} 不接受值",
    "{option} 的值应为 {choices}，而不是 {value}",
    "、",
    " 或 ",
    "缺少命令；请参阅 'smtpcodes --help'",
    "未知命令 {command}；请参阅 'smtpcodes --help'",
    "help 只接受一个命令，收到 {count} 个",
    "无法读取 {file}：{reason}",
    "标准输入",
    "这是一个目录",
    "{command} 最多接受一个文件（FILE），收到 {count} 个",
    "explain 只接受一个代码或一段文字（请加引号，或给出 '-' 并把文字粘贴到标准输入），收到 {count} "
    "个",
    "explain 需要一个代码或一条响应，例如 'smtpcodes explain 550'、'explain 5.7.1' 或 'explain "
    "\"550 5.1.1 User unknown\"'；'explain -' 从标准输入读取粘贴的文字",
    "explain 需要一个代码或一条响应，例如 'smtpcodes explain 550'；标准输入为空",
    "explain 需要一个代码或一条响应，例如 'smtpcodes explain 550'；文字为空",
    "{excerpt} 中没有 SMTP 响应码：已查找单独出现或位于行首的 2xx-5xx "
    "基本响应码（550）和增强状态码（5.1.1），也查找了 \"said:\"、\"Status:\" 或 \"#\" "
    "等标记之后的代码",
    "compare 需要两个代码（响应码或增强状态码），例如 'smtpcodes compare 235 354' 或 'smtpcodes "
    "compare 550 5.7.1'（收到 {count} 个）",
    "list 不接受参数，收到 {argument}",
    "增强状态码没有类别 3（只有 2、4、5）",
    "session 通过 --client FILE 和 --server FILE 接收两个数据流，不接受位置参数",
    "session 需要同时给出 --client FILE 和 --server FILE",
    "两个数据流中只能有一个是标准输入",
    "dot 需要 'encode' 或 'decode'，例如 'smtpcodes dot decode message.eml'",
    "{what}：{error}，字节位置 {offset}（{text}）",
    "{what}：数据结束于字节位置 {offset}；末尾还有 {count} 字节未解码",
    "（服务端 @{offset}）",
    "无响应",
    "内容 {count} 字节",
    "（已接受）",
    "（未接受）",
    "（收件人已接受）",
    "（收件人被拒绝）",
    "违规 {violation}，服务端数据流字节位置 {offset}",
    "违规 {violation}，客户端数据流字节位置 {offset}",
    "（应答）",
    "（无命令）",
    "（STARTTLS：两个数据流的其余部分均为 TLS）",
    "违规：{count} 处",
    "违规：{count} 处",
    "违规：{count} 处",
    "违规：{count} 处",
    "（SASL 应答，空）",
    "（SASL 应答，已遮盖）",
    "（SASL 应答）",
    "（未知命令）",
    "（已遮盖）",
    "（{kind}：传输 {octets} 字节，邮件本身 {message} 字节）",
    "按退避策略",
    "修正后",
    "永不",
    "不适用",
};

/// One language the tool speaks: the library's catalog and the tool's own words.
struct language {
  std::string_view tag;
  const smtpcodes::catalog* catalog;
  const messages* words;
  const help_texts* help;  ///< --help (help.hpp, cli/help/XX.hpp)
};

/// The languages, in the order the help lists them.
inline constexpr language languages[] = {
    {"ar", &smtpcodes::lang::ar, &messages_ar, &help_ar},
    {"fr", &smtpcodes::lang::fr, &messages_fr, &help_fr},
    {"zh", &smtpcodes::lang::zh, &messages_zh, &help_zh},
    {"tr", &smtpcodes::lang::tr, &messages_tr, &help_tr},
    {"ru", &smtpcodes::lang::ru, &messages_ru, &help_ru},
    {"en", &smtpcodes::lang::en, &messages_en, &help_en},
};

/// The language whose tag is `tag`, or nullptr.
inline const language* find_language(std::string_view tag) {
  for (const auto& l : languages)
    if (l.tag == tag) return &l;
  return nullptr;
}

/// The language of a locale name ("fr_FR.UTF-8", "zh_CN", "ru", "tr_TR@euro"): its part before
/// '_', '.' or '@', when that is a language the tool speaks; else English ("C", "POSIX", "de").
inline const language& language_of_locale(std::string_view locale) {
  const language* l = find_language(locale.substr(0, locale.find_first_of("_.@")));
  return l != nullptr ? *l : languages[std::size(languages) - 1];
}

/// The language from the environment: the first of LC_ALL, LC_MESSAGES and LANG that is set
/// and not empty decides (POSIX precedence, XBD 8.2), as language_of_locale reads it.
inline const language& language_from_environment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return language_of_locale(value);
  }
  return languages[std::size(languages) - 1];
}

/// The colon after a label, as `l` writes it: ": ", French " : ", Chinese fullwidth "：".
inline std::string_view colon(const language& l) {
  return l.tag == "fr" ? " : " : l.tag == "zh" ? "\xEF\xBC\x9A" : ": ";
}

/// The end of a sentence as `l` writes it: ".", Chinese "。".
inline std::string_view full_stop(const language& l) {
  return l.tag == "zh" ? "\xE3\x80\x82" : ".";
}

/// The semicolon between two phrases: "; ", French " ; ", Arabic "؛ ", Chinese fullwidth "；".
inline std::string_view semicolon(const language& l) {
  return l.tag == "fr"   ? " ; "
         : l.tag == "ar" ? "\xD8\x9B "
         : l.tag == "zh" ? "\xEF\xBC\x9B"
                         : "; ";
}

/// The comma between a name and what qualifies it: ", ", Arabic "، ", Chinese fullwidth "，".
inline std::string_view comma(const language& l) {
  return l.tag == "ar" ? "\xD8\x8C " : l.tag == "zh" ? "\xEF\xBC\x8C" : ", ";
}

/// `text` in parentheses after a word: " (text)", in Chinese fullwidth "（text）".
inline std::string in_parens(const language& l, std::string_view text) {
  if (l.tag == "zh") return "\xEF\xBC\x88" + std::string(text) + "\xEF\xBC\x89";
  return " (" + std::string(text) + ")";
}

/// A bounce_retry in `w`'s language: the word text output prints after the "retry" label.
inline std::string_view retry_word(const messages& w, smtpcodes::bounce_retry r) {
  switch (r) {
    case smtpcodes::bounce_retry::retry_with_backoff:
      return w.retry_with_backoff;
    case smtpcodes::bounce_retry::retry_after_fix:
      return w.retry_after_fix;
    case smtpcodes::bounce_retry::never:
      return w.retry_never;
    case smtpcodes::bounce_retry::not_applicable:
      break;
  }
  return w.retry_not_applicable;
}

/// The plural form a count takes in a language: CLDR's cardinal plural categories, folded
/// into the forms the tool's words have: Arabic one (1), two (2), few (3-10, 103-110...) and
/// many (11-99, and 0 and 100, 101..., which read as well with it); Russian one (1, 21, 31...),
/// few (2-4, 22-24...) and many; French one (0 and 1) and many; the others one (1) and many.
enum class plural_form { one, two, few, many };

inline plural_form plural_of(const language& l, std::size_t n) {
  if (l.tag == "ar") {
    const std::size_t h = n % 100;
    if (n == 1) return plural_form::one;
    if (n == 2) return plural_form::two;
    if (h >= 3 && h <= 10) return plural_form::few;
    return plural_form::many;
  }
  if (l.tag == "ru") {
    const std::size_t t = n % 10;
    const std::size_t h = n % 100;
    if (t == 1 && h != 11) return plural_form::one;
    if (t >= 2 && t <= 4 && (h < 12 || h > 14)) return plural_form::few;
    return plural_form::many;
  }
  if (l.tag == "fr") return n <= 1 ? plural_form::one : plural_form::many;
  return n == 1 ? plural_form::one : plural_form::many;
}

/// The one of `one`, `two`, `few` and `many` that a count `n` takes in `l` (plural_of).
inline std::string_view by_plural(const language& l, std::size_t n, std::string_view one,
                                  std::string_view two, std::string_view few,
                                  std::string_view many) {
  switch (plural_of(l, n)) {
    case plural_form::one:
      return one;
    case plural_form::two:
      return two;
    case plural_form::few:
      return few;
    case plural_form::many:
      break;
  }
  return many;
}

/// The word after a number of lines ("1 line", "2 lines"), by the language's plural rules
/// (plural_of).
inline std::string_view lines_word(const language& l, std::size_t n) {
  const messages& w = *l.words;
  return by_plural(l, n, w.line, w.lines_two, w.lines_few, w.lines);
}

/// "1 violation", "0 violations" in `l`, by its plural rules (plural_of); Arabic says "the
/// number of violations: N", which takes no agreement.
inline std::string violations_text(const language& l, std::size_t n) {
  const messages& w = *l.words;
  return fill(
      by_plural(l, n, w.violation_count, w.violations_two, w.violations_few, w.violations_count),
      {{"count", std::to_string(n)}});
}

}  // namespace smtpcodes_cli

#endif  // SMTPCODES_CLI_MESSAGES_HPP
