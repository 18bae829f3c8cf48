// The smtpcodes tool's own words in each language it speaks (issue 15): the headings and labels
// of explain, compare, list and replies text output. The explanations themselves come from the
// library's catalogs (<smtpcodes/lang/XX.hpp>); the terms follow docs/glossary/XX.md. Codes,
// command verbs, RFC numbers and JSON field names are never translated.
#ifndef SMTPCODES_CLI_MESSAGES_HPP
#define SMTPCODES_CLI_MESSAGES_HPP

#include <cstddef>
#include <cstdlib>
#include <iterator>
#include <smtpcodes/catalog.hpp>
#include <smtpcodes/lang/ar.hpp>
#include <smtpcodes/lang/fr.hpp>
#include <smtpcodes/lang/ru.hpp>
#include <smtpcodes/lang/tr.hpp>
#include <smtpcodes/lang/zh.hpp>
#include <string_view>

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
};

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
};

/// One language the tool speaks: the library's catalog and the tool's own words.
struct language {
  std::string_view tag;
  const smtpcodes::catalog* catalog;
  const messages* words;
};

/// The languages, in the order the help lists them.
inline constexpr language languages[] = {
    {"ar", &smtpcodes::lang::ar, &messages_ar}, {"fr", &smtpcodes::lang::fr, &messages_fr},
    {"zh", &smtpcodes::lang::zh, &messages_zh}, {"tr", &smtpcodes::lang::tr, &messages_tr},
    {"ru", &smtpcodes::lang::ru, &messages_ru}, {"en", &smtpcodes::lang::en, &messages_en},
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

/// The word after a number of lines ("1 line", "2 lines"), by the language's plural rules
/// (CLDR plural categories: Arabic one, two, few 3-10, many 11-99 and other; Russian one,
/// few, many; the others one and other).
inline std::string_view lines_word(const language& l, std::size_t n) {
  const messages& w = *l.words;
  if (l.tag == "ar") {
    const std::size_t h = n % 100;
    if (n == 1) return w.line;
    if (n == 2) return w.lines_two;
    if (h >= 3 && h <= 10) return w.lines_few;
    return w.lines;  // 11-99 ("many", سطرًا); 0 and 100, 101... read as well with it
  }
  if (l.tag == "ru") {
    const std::size_t t = n % 10;
    const std::size_t h = n % 100;
    if (t == 1 && h != 11) return w.line;
    if (t >= 2 && t <= 4 && (h < 12 || h > 14)) return w.lines_few;
    return w.lines;
  }
  return n == 1 ? w.line : w.lines;
}

}  // namespace smtpcodes_cli

#endif  // SMTPCODES_CLI_MESSAGES_HPP
