// The smtpcodes tool's help texts in Arabic: cli/help.hpp has the English;
// tools/check_help.py checks this file against it. Terms: docs/glossary/ar.md.
#ifndef SMTPCODES_CLI_HELP_AR_HPP
#define SMTPCODES_CLI_HELP_AR_HPP

#include "../help.hpp"

namespace smtpcodes_cli {

inline constexpr help_texts help_ar = {
    // overview: smtpcodes --help
    R"(smtpcodes - شرح رموز الرد في SMTP ورموز الحالة المُحسَّنة

الاستخدام: smtpcodes COMMAND [ARGUMENTS] [OPTIONS]

الأوامر:
  explain CODE|TEXT|- [--json] [--lang L]
                            شرح رمز رد (550) أو رمز حالة مُحسَّن (5.7.1)،
                            أو الرد الوارد في رد ملصوق أو سطر سجل أو إشعار
                            عدم تسليم (من الدخل القياسي مع - أو دون TEXT)
  compare A B [--json] [--lang L]
                            مقارنة رمزين (235 354، 5.1.1 5.7.1، 550 5.7.1)
  list [--class N] [--enhanced] [--json] [--lang L]
                            سرد رموز الرد المسجّلة، أو رموز الحالة المُحسَّنة
                            مع --enhanced
  replies [FILE] [--accept-8bit] [--bare-lf reject|normalize] [--json]
          [--lang L]        تحليل تدفق من الخادم إلى العميل (من الدخل
                            القياسي افتراضيًا): كل رد ومعناه وما العمل حياله
  commands [FILE] [--bare-lf reject|normalize] [--no-redact] [--json]
           [--lang L]       تحليل تدفق من العميل إلى الخادم: كل أمر بمساره
                            ومُعامِلاته، مع إخفاء بيانات الاعتماد
  session --client FILE --server FILE [--lmtp] [--json] [--lang L]
                            مطابقة أوامر اتصال واحد مع ردودها: المستلمون،
                            ونتيجة DATA، والمخالفات
  bounce [FILE...] [--json] [--lang L]
                            قراءة رسائل إشعار عدم التسليم (.eml أو mbox، ومن
                            الدخل القياسي افتراضيًا): كل مستلم وسببه، وهل
                            هو فشل دائم أم مؤقت، وما العمل
  dot encode [FILE] [--bare-lf reject|normalize|pass] [--lang L]
                            مضاعفة النقاط في رسالة وإضافة خاتمتها CRLF.CRLF
  dot decode [FILE] [--bare-lf reject|normalize|pass] [--lang L]
                            إزالة مضاعفة النقاط من بايتات DATA حتى CRLF.CRLF
  help [COMMAND] [--lang L] هذا النص، أو مساعدة أمر
  --version                 إصدار المكتبة

يشرح 'smtpcodes COMMAND --help' أمرًا وخياراته. لا يُعطى أي خيار إلا مرة
واحدة، وإعطاء أمرٍ خيارًا لا يأخذه خطأ.

يطبع الخيار --json مستند JSON واحدًا (explain و compare و list)، أو للتدفقات
(replies و commands) بصيغة JSON Lines: كائن JSON واحد في كل سطر، كائن لكل رد
أو أمر، وآخرها {"error": NAME, "offset": N} عند خطأ في البروتوكول.

يقرأ replies و commands النصوص الملصوقة والسجلات التي لا تستخدم إلا LF مع
--bare-lf normalize (يُنهي LF المنفرد السطر)؛ وافتراضيًا يُعدّ LF المنفرد خطأ
(RFC 5321 2.3.8).

يُطبع نص الدخل بأمان: مع --json تكون كل سلسلة نصية بترميز UTF-8 صالح (يصير
كل تسلسل UTF-8 غير سليم U+FFFD، وتصير محارف التحكم \u00XX)؛ وفي الخرج النصي
تظهر محارف التحكم و UTF-8 غير السليم بصيغة \xHH لكل بايت.
يُلَفّ الخرج النصي على عرض الطرفية: قيمة COLUMNS إن كانت معيّنة، وإلا عرض
الطرفية، وإلا 80، محسوبًا بأعمدة العرض (يشغل المحرف الصيني عمودين)؛ ويُقسَم
النص الصيني بين المحارف، وتُطبع العربية بالترتيب المنطقي.

الخيار --lang ar|fr|zh|tr|ru|en (لكل الأوامر): لغة الشروح والتسميات والعناوين
والرسائل والمساعدة: العربية أو الفرنسية أو الصينية المبسطة أو التركية أو
الروسية أو الإنجليزية. ومن دونه يحسم اللغةَ أولُ متغير معيّن وغير فارغ من
LC_ALL و LC_MESSAGES و LANG، بجزء اللغة فيه (fr_FR.UTF-8 فرنسية؛ و C و POSIX
واللغات غير المذكورة إنجليزية).
لا تُترجم الرموز وأفعال الأوامر وأرقام RFC وأسماء حقول --json أبدًا؛ ويعطي
--json الحقول نفسها ونصوصها بتلك اللغة، ومنها فئات الرد وأنواعه (5yz و x5z)؛
ويعطي explain TEXT وصف سبب إشعار عدم التسليم وطريقة معالجته بها (أما اسم
السبب، مثل userunknown، فلا يتغير أبدًا).
كل ما يقرؤه الإنسان يكون بتلك اللغة: المقارنات، ونصوص المزوّدين، والملاحظات،
والنصائح، وأوصاف الأخطاء، والرسائل على الخطأ القياسي، وهذه المساعدة.
وتبقى المعرّفات بالإنجليزية: كلمات الحالة في --json، وأسماء الأخطاء (bare_lf)،
وأسماء المخالفات، وأسماء الخيارات.

حالة الخروج: 0 عند النجاح، و 1 عند خطأ في البروتوكول في الدخل المُحلَّل، و 2
عند خطأ في الاستخدام أو رمز غير صالح أو ملف تتعذر قراءته. تبدأ كل رسالة على
الخطأ القياسي بـ 'smtpcodes: '.
)",
    // explain
    R"(الاستخدام: smtpcodes explain CODE [--json] [--lang L]
           smtpcodes explain TEXT [--json] [--lang L]
           smtpcodes explain [-] [--json] [--lang L]   (TEXT من الدخل القياسي)

يشرح رمز رد (550) أو رمز حالة مُحسَّنًا (5.7.1): اسمه وفئته ومعناه ومتى يظهر
وطريقة معالجته ومرجعه في RFC. أما الرمز السليم الصيغة غير المسجّل فيُشرح من
أرقامه.

رمز الرد ثلاثة أرقام: الأول من 2 إلى 5، والثاني من 0 إلى 5 (RFC 5321 4.2).
ورمز الحالة المُحسَّن بصيغة class.subject.detail، فئته 2 أو 4 أو 5، وموضوعه
وتفصيله من 1 إلى 3 أرقام بلا أصفار بادئة (RFC 3463).

وفي أي TEXT آخر يُبحث عن الرد الذي يتضمنه: "550 5.1.1 User unknown"،
و "550-5.1.1"، و "#550 5.1.1 ... ##" و "#5.1.1" لدى Exchange، والرد متعدد
الأسطر (LF أو CRLF)، وأسطر DSN (Status: و Diagnostic-Code:)، وإشعارات عدم
التسليم من Postfix و Exim و Sendmail و Microsoft 365 و Gmail ("said:", "refused
to talk to me:", "stat=", "The response was:"). ويعرض الرمز الأساسي، والرمز
المُحسَّن، والأمر الذي أجاب عنه الرد إن ذكره النص (RCPT، و DATA لنهاية البيانات،
و CONNECT للتحية)، ونص الخادم، ومعنى الرموز وما العمل: من يتصرف، وما يُتحقَّق منه
أولًا، وهل تُعاد المحاولة، وذلك للردود الشائعة. الصق إشعار عدم تسليم كاملًا في
الدخل القياسي مع 'explain -' (أو دون TEXT). والنص الذي لا رمز فيه خطأ (حالة
الخروج 2).

الخيارات:
  --json   كائن JSON واحد؛ أسماء الحقول ثابتة (انظر README.md). يعطي الرمز
           المجرد kind "reply_code" أو "enhanced_status"، ويعطي TEXT
           kind "reply": code، enhanced، mismatched_enhanced، command، text،
           match، marker، lines، offset، reply_code، enhanced_status، common
           (null عند الغياب)
  --lang L لغة النص ونصوص --json: ar أو fr أو zh أو tr أو ru أو en
           (الافتراضي: من LC_ALL و LC_MESSAGES و LANG؛ تبقى أسماء الحقول
           بالإنجليزية؛ وانظر 'smtpcodes --help' لما بقي بالإنجليزية)
)",
    // compare
    R"(الاستخدام: smtpcodes compare A B [--json] [--lang L]

يقارن بين رمزين: رمزَي رد (235 354)، أو رمزَي حالة مُحسَّنين (5.1.1 5.7.1)،
أو رمز رد ورمز حالة مُحسَّن (550 5.7.1). ويبيّن الفرق بينهما في المعنى ومتى
يُصادَف كلٌّ منهما، وما يفعله العميل بعد كلٍّ منهما، وكل جانب يختلفان فيه، ثم
يشرح الرمزين كليهما.

الخيارات:
  --json   كائن JSON واحد: first، second، kind، same_code، same_class،
           same_category، relation، next_step، differences
  --lang L لغة المقارنة وشروح الرمزين والعناوين: ar أو fr أو zh أو tr أو ru
           أو en (الافتراضي: من LC_ALL و LC_MESSAGES و LANG)؛ وبالإنجليزية
           ما دامت اللغة بلا جداول مقارنة بعد
)",
    // list
    R"(الاستخدام: smtpcodes list [--class N] [--enhanced] [--json] [--lang L]

يسرد كل رموز الرد المسجّلة، أو مع --enhanced كل رموز الحالة المُحسَّنة المسجّلة
(بصيغة X.subject.detail).

الخيارات:
  --class N    الفئة N وحدها: 2 أو 3 أو 4 أو 5 (مع --enhanced: 2 أو 4 أو 5،
               وتُعرض الرموز بصيغة N.subject.detail)
  --enhanced   رموز الحالة المُحسَّنة (RFC 3463، سجل IANA)
  --json       مصفوفة JSON واحدة من الكائنات التي يطبعها explain --json
  --lang L     لغة الأسماء والنصوص: ar أو fr أو zh أو tr أو ru أو en
               (الافتراضي: من LC_ALL و LC_MESSAGES و LANG)؛ ومع --json
               الحقول نفسها، ونصوصها بتلك اللغة
)",
    // replies
    R"(الاستخدام: smtpcodes replies [FILE] [--accept-8bit] [--bare-lf reject|normalize]
                             [--json] [--lang L]

يحلّل تدفق بايتات من الخادم إلى العميل (FILE، أو الدخل القياسي إن غاب FILE أو
كان '-') ويطبع كل رد برمزه ورمزه المُحسَّن وأسطره ومعناه وما العمل حياله. حالة
الخروج 1 عند خطأ في البروتوكول، مع اسمه وموضعه بالبايت.

الخيارات:
  --accept-8bit         قبول البايتات 0x80-0xFF في نص الرد (خوادم SMTPUTF8،
                        RFC 6531)
  --bare-lf reject      يُعدّ LF المنفرد خطأ (الافتراضي)
  --bare-lf normalize   يُنهي LF المنفرد السطر كما يفعل CRLF: للنصوص
                        الملصوقة والسجلات التي لا تستخدم إلا LF
  --json                JSON Lines: كائن واحد في كل سطر، كائن لكل رد:
                        code، enhanced (أو null)، lines (النصوص)، start
                        و final (موضعا أول بايت في الرد وما بعد آخر بايت
                        فيه مباشرة)، name، fix و enhanced_fix (أو null)؛
                        وينهي خطأ البروتوكول الخرج بـ
                        {"error": NAME, "offset": N}
  --lang L              لغة الأسماء والمعاني والنصائح: ar أو fr أو zh أو tr
                        أو ru أو en (الافتراضي: من LC_ALL و LC_MESSAGES
                        و LANG)
)",
    // commands
    R"(الاستخدام: smtpcodes commands [FILE] [--bare-lf reject|normalize] [--no-redact]
                              [--json] [--lang L]

يحلّل تدفق بايتات من العميل إلى الخادم (FILE، أو الدخل القياسي إن غاب FILE أو
كان '-') ويطبع كل أمر بمساره ومُعامِلاته. يُقرأ محتوى DATA (على افتراض أن
الخادم ردّ بـ 354) حتى CRLF.CRLF بمرمِّز النقاط، وأجزاء BDAT بحسب حجمها؛
ويُعرض كلٌّ منهما بعدد بايتاته. حالة الخروج 1 عند خطأ في البروتوكول، مع اسمه
وموضعه بالبايت.

تُخفى بيانات الاعتماد افتراضيًا بـ ***: الاستجابة الأولية لـ AUTH
('AUTH PLAIN ***')، والأسطر التي تلي AUTH وتُعدّ استجابات SASL (التي تجيب عن
تحديات 334 من الخادم). ولأن جهة العميل وحدها معروفة، يُعدّ كل سطر بعد AUTH
استجابةً حتى يأتي سطر يبدأ بفعل أمر معروف وليس بترميز base64: لذا يُخفى أيضًا
أمرٌ مثل QUIT يُرسَل مباشرة بعد AUTH. أما الاستجابة الفارغة و "=" وعلامة
الإلغاء "*" فلا تكشف شيئًا وتُعرض.

الخيارات:
  --bare-lf reject      يُعدّ LF المنفرد خطأ (الافتراضي)
  --bare-lf normalize   يُنهي LF المنفرد سطر الأمر، وفي DATA يتحوّل إلى
                        CRLF؛ ومع ذلك لا يُنهي سطرُ "." المنتهي بـ LF منفرد
                        بيانات DATA (تهريب SMTP)، ولا يُنهيها إلا CRLF.CRLF
  --no-redact           إظهار بيانات الاعتماد: يُعرض كل سطر على أنه أمر كما
                        أُرسل (لالتقاط يحق لك الاطلاع عليه؛ لا للسجلات
                        المشتركة أبدًا)
  --json                JSON Lines: كائن واحد في كل سطر: الأمر بالحقول
                        verb، known، argument، path، params (في MAIL
                        و RCPT)، offset، و "redacted": true عند الإخفاء؛
                        ومحتوى DATA و BDAT بصيغة {"data": OCTETS, "kind",
                        "message_octets", "offset"}؛ واستجابة SASL بصيغة
                        {"kind": "sasl_response", "text", "redacted",
                        "offset"}؛ وينهي خطأ البروتوكول الخرج بـ
                        {"error": NAME, "offset": N}
  --lang L              لغة التسميات والرسائل (انظر 'smtpcodes --help')
)",
    // session
    R"(الاستخدام: smtpcodes session --client FILE --server FILE [--lmtp] [--json]
                             [--lang L]

يقرأ تدفقَي البايتات لاتصال SMTP واحد كما يقدّمهما وكيل أو ملف
التقاط: --client ما أرسله العميل، و --server ما أرسله الخادم ('-'
للدخل القياسي في أحدهما). ويُطابَق كل أمر مع الرد الذي تلقّاه،
بالترتيب (تأتي ردود الأوامر الممرَّرة تتابعيًا بترتيب أوامرها، RFC
2920)، ويُطبع معه؛ MAIL و RCPT مع عنوانيهما، و DATA و BDAT مع الرد
الذي يلي المحتوى (في LMTP، أي مع --lmtp، ردٌّ لكل مستلم مقبول،
RFC 2033). أما الأسطر التي تجيب عن تحدي 334 فتُعرض بصيغة
'AUTH (response)'، ولا تُعرض كما أُرسلت أبدًا. وتتوقف القراءة عند
STARTTLS: فما يليه TLS.

المخالفات، ولكلٍّ منها موضعها (في تدفق العميل أو الخادم):
  unexpected_reply_code    رمز لا يمكن أن يتلقاه ذلك الأمر أبدًا (RFC 5321
                           4.3.2)
  no_reply                 انتهى تدفق الخادم قبل الرد
  bad_reply:ERROR          خرق الخادم صيغة الرد
  bad_command:ERROR        خرق العميل صيغة الأمر
  unterminated_data        انتهى المحتوى قبل CRLF.CRLF أو قبل بلوغ حجم BDAT
  pipelined_after_starttls نص حيث يجب أن يبدأ TLS من جهة العميل
  plaintext_after_starttls نص حيث يجب أن يبدأ TLS من جهة الخادم (رد مُدرَج
                           قبل المصافحة، CVE-2011-0411)
  unsolicited_reply        رد لم يطلبه أي أمر
حالة الخروج 1 عند وجود مخالفة.

يطبع الخيار --json بصيغة JSON Lines: كائنًا لكل أمر بالحقول command (فعل الأمر؛
و CONNECT للتحية)، offset (في تدفق العميل)، reply (الرمز أو null)، reply_offset
(في تدفق الخادم)، violation (اسم أو null)؛ ولكائن DATA أو BDAT LAST أيضًا الحقل
data_reply (الرمز بعد المحتوى؛ وفي LMTP مصفوفة فيها رمز لكل مستلم مقبول).
الخيار --lang L: لغة التسميات والرسائل (انظر 'smtpcodes --help').

أمثلة:
  smtpcodes session --client c2s.bin --server s2c.bin
  smtpcodes session --lmtp --json --client c2s --server s2c
)",
    // bounce
    R"(الاستخدام: smtpcodes bounce [FILE...] [--json] [--lang L]

يقرأ رسائل إشعار عدم التسليم، وكل FILE رسالة (.eml) أو ملف mbox يضم عددًا منها
(والدخل القياسي إن لم يُعطَ FILE أو أُعطي '-')، ويطبع كل مستلم: الإجراء (failed،
delayed...)، ورمز الحالة المُحسَّن، والرد الذي أعطاه الخادم البعيد والأمر الذي
أجاب عنه، وسبب إشعار عدم التسليم (userunknown، mailboxfull، blocked، ...)، وهل
هو فشل دائم، والمزوّد إن كان معروفًا، وما العمل.

الفشل الدائم هو ما لا تُصلحه إعادة المحاولة أبدًا: العنوان أو النطاق غير موجود،
أو انتقل، أو لا يقبل أي بريد. أما الحظر وامتلاء صناديق البريد والرفض بسبب
السياسة فهي فشل مؤقت حتى مع رمز 5yz: العنوان سليم، وعلى المرسل أن يصلح شيئًا
أولًا. ولا يكون المستلم المؤجَّل فشلًا دائمًا أبدًا.

تُقرأ إشعارات حالة التسليم (RFC 3464، ضمن multipart/report، RFC 6522) حقلًا حقلًا،
ويُقرأ نص "smtp;" في Diagnostic-Code على أنه رد. أما إشعار عدم التسليم الذي لا
جزء تقرير فيه (qmail، والإصدارات القديمة من Exim و Sendmail، وكثير من البوابات)
فيُبحث في نصه عن الرد الذي يقتبسه، كما يفعل 'explain'. ويُصنَّف تقرير الشكوى
(RFC 5965) بالسبب 'feedback'، والرد التلقائي (RFC 3834) بالسبب 'vacation'.

يطبع الخيار --json بصيغة JSON Lines: كائنًا لكل مستلم بالحقول file، recipient،
action، status (الرمز المُحسَّن أو null)، reply_code (عدد أو null)، command،
diagnostic، remote_mta، reason، hard_bounce (true أو false)، provider (معرّف مثل
"microsoft" أو null)، و fix. والرسالة التي يتعذر تحليلها تعطي
{"file", "error", "offset"} وحالة الخروج 1 بعد الرسائل الأخرى.

يعطي الخيار --lang L (ar أو fr أو zh أو tr أو ru أو en؛ الافتراضي: من LC_ALL
و LC_MESSAGES و LANG) التسميات ووصف السبب وطريقة المعالجة بتلك اللغة.

أمثلة:
  smtpcodes bounce returned.eml
  smtpcodes bounce --json /var/mail/bounces
)",
    // dot
    R"(الاستخدام: smtpcodes dot encode [FILE] [--bare-lf reject|normalize|pass]
                                [--lang L]
           smtpcodes dot decode [FILE] [--bare-lf reject|normalize|pass]
                                [--lang L]

يضاعف encode النقاط في رسالة (FILE، أو الدخل القياسي) ويكتبها مع خاتمتها
CRLF.CRLF. ويزيل decode مضاعفة النقاط من بايتات DATA حتى CRLF.CRLF ويكتب
الرسالة؛ ويُبلَّغ على الخطأ القياسي بموضع انتهاء البيانات وبعدد البايتات التي
تليها. وعند رفض الدخل: الخطأ وموضعه بالبايت على الخطأ القياسي، وحالة الخروج 1.

الخيارات:
  --bare-lf POLICY   ما يحدث لـ CR أو LF ليس جزءًا من CRLF: reject (الافتراضي:
                     خطأ مع موضعه)، normalize (تحويله إلى CRLF؛ ولا يُنهي
                     البيانات أبدًا)، pass (إبقاؤه جزءًا من المحتوى؛ وهو خطير
                     عند الترحيل: تهريب SMTP)
  --lang L           لغة الرسائل على الخطأ القياسي (انظر
                     'smtpcodes --help')
)",
    // help
    R"(الاستخدام: smtpcodes help [COMMAND] [--lang L]

يطبع النظرة العامة، أو مساعدة COMMAND (وهي نفسها ما يطبعه
'smtpcodes COMMAND --help').
)",
};

}  // namespace smtpcodes_cli

#endif  // SMTPCODES_CLI_HELP_AR_HPP
