// The smtpcodes tool's help texts in Turkish: cli/help.hpp has the English;
// tools/check_help.py checks this file against it. Terms: docs/glossary/tr.md.
#ifndef SMTPCODES_CLI_HELP_TR_HPP
#define SMTPCODES_CLI_HELP_TR_HPP

#include "../help.hpp"

namespace smtpcodes_cli {

inline constexpr help_texts help_tr = {
    // overview: smtpcodes --help
    R"(smtpcodes - SMTP yanıt kodlarını ve genişletilmiş durum kodlarını açıklar

Kullanım: smtpcodes COMMAND [ARGUMENTS] [OPTIONS]

Komutlar:
  explain CODE|TEXT|- [--json] [--lang L]
                            bir yanıt kodunu (550), bir genişletilmiş durum
                            kodunu (5.7.1) ya da yapıştırılan bir yanıttaki,
                            günlük satırındaki veya iade iletisindeki yanıtı
                            açıklar (- ile ya da TEXT yoksa standart girdi)
  compare A B [--json] [--lang L]
                            iki kodu karşılaştırır (235 354, 5.1.1 5.7.1,
                            550 5.7.1)
  list [--class N] [--enhanced] [--json] [--lang L]
                            kayıtlı yanıt kodlarını ya da --enhanced ile
                            genişletilmiş durum kodlarını listeler
  replies [FILE] [--accept-8bit] [--bare-lf reject|normalize] [--json]
          [--lang L]        sunucudan istemciye giden bir akışı ayrıştırır
                            (varsayılan: standart girdi): her yanıt, anlamı
                            ve ne yapılacağı
  commands [FILE] [--bare-lf reject|normalize] [--no-redact] [--json]
           [--lang L]       istemciden sunucuya giden bir akışı ayrıştırır:
                            her komut yolu ve parametreleriyle, kimlik
                            bilgileri maskelenmiş olarak
  session --client FILE --server FILE [--lmtp] [--json] [--lang L]
                            bir bağlantının komutlarını yanıtlarıyla
                            eşleştirir: alıcılar, DATA sonucu, ihlaller
  bounce [FILE...] [--json] [--lang L]
                            iade iletilerini okur (.eml ya da mbox,
                            varsayılan: standart girdi): her alıcı, nedeni,
                            kalıcı mı geçici mi olduğu ve ne yapılacağı
  dot encode [FILE] [--bare-lf reject|normalize|pass] [--lang L]
                            iletiye nokta doldurma uygular, CRLF.CRLF
                            sonlandırıcısını ekler
  dot decode [FILE] [--bare-lf reject|normalize|pass] [--lang L]
                            CRLF.CRLF'e kadarki DATA sekizlilerinde nokta
                            doldurmayı geri alır
  help [COMMAND] [--lang L] bu metin ya da bir komutun yardımı
  --version                 kütüphanenin sürümü

'smtpcodes COMMAND --help' bir komutu ve seçeneklerini açıklar. Her seçenek
yalnızca bir kez verilebilir; bir komutun almadığı seçenek hatadır.

--json tek bir JSON belgesi (explain, compare, list) ya da akışlar (replies,
commands) için JSON Lines yazdırır: her satırda bir JSON nesnesi, her yanıt
ya da komut için bir tane; protokol hatasında sonuncusu
{"error": NAME, "offset": N} olur.

replies ve commands, yalnızca LF içeren yapıştırmaları ve günlükleri
--bare-lf normalize ile okur (tek başına LF satırı bitirir); varsayılan
olarak tek başına LF hatadır (RFC 5321 2.3.8).

Girdi metni güvenli biçimde yazdırılır: --json ile her dize geçerli
UTF-8'dir (her bozuk UTF-8 dizisi U+FFFD olur; denetim karakterleri
\u00XX olarak yazılır); metin çıktısında denetim karakterleri ve bozuk
UTF-8 her sekizli için \xHH olarak gösterilir. Metin çıktısı terminal
genişliğine göre satırlara bölünür: ayarlıysa COLUMNS, değilse terminalin
genişliği, o da yoksa 80; görüntü sütunları sayılır (bir Çince karakter iki
sütun kaplar). Çince metin karakterler arasında bölünür, Arapça mantıksal
sırayla yazdırılır.

--lang ar|fr|zh|tr|ru|en (her komutta): açıklamaların, etiketlerin,
başlıkların, iletilerin ve yardımın dili: Arapça, Fransızca, Basitleştirilmiş
Çince, Türkçe, Rusça ya da İngilizce. Verilmezse dili LC_ALL, LC_MESSAGES ve
LANG değişkenlerinden ayarlı ve boş olmayan ilkinin dil kısmı belirler
(fr_FR.UTF-8 Fransızcadır; C, POSIX ve listede olmayan diller İngilizcedir).
Kodlar, komut adları, RFC numaraları ve --json alan adları asla çevrilmez;
--json aynı alanları verir, metinleri ise o dilde olur; yanıt sınıfları ve
kategorileri (5yz, x5z) de buna dahildir; explain TEXT iade nedeninin
açıklamasını ve çözümünü o dilde verir (nedenin adı, userunknown, hiç
değişmez).
İnsanın okuduğu her şey o dildedir: karşılaştırmalar, sağlayıcı metinleri,
notlar, öneriler, hata açıklamaları, stderr'e yazılan iletiler ve bu yardım.
Tanımlayıcılar İngilizce kalır: --json'un durum sözcükleri, hata adları
(bare_lf), ihlal adları ve seçenek adları.

Çıkış durumu: başarıda 0; ayrıştırılan girdide protokol hatası olursa 1;
kullanım hatasında, geçerli olmayan bir kodda ya da okunamayan bir dosyada 2.
stderr'e yazılan her ileti 'smtpcodes: ' ile başlar.
)",
    // explain
    R"(Kullanım: smtpcodes explain CODE [--json] [--lang L]
          smtpcodes explain TEXT [--json] [--lang L]
          smtpcodes explain [-] [--json] [--lang L]   (TEXT standart girdiden)

Bir yanıt kodunu (550) ya da genişletilmiş durum kodunu (5.7.1) açıklar:
adını, sınıfını, anlamını, ne zaman görüldüğünü, nasıl düzeltileceğini ve
RFC'sini. Biçimi doğru ama kayıtlı olmayan bir kod, rakamlarına göre
açıklanır.

Yanıt kodu üç rakamdır: ilki 2-5, ikincisi 0-5 (RFC 5321 4.2). Genişletilmiş
durum kodu sınıf.konu.ayrıntı biçimindedir: sınıf 2, 4 ya da 5'tir; konu ve
ayrıntı, başında sıfır olmayan 1 ila 3 rakamdan oluşur (RFC 3463).

Diğer her TEXT içinde yanıt aranır: "550 5.1.1 User unknown", "550-5.1.1",
Exchange'in "#550 5.1.1 ... ##" ve "#5.1.1" biçimleri, çok satırlı bir yanıt
(LF ya da CRLF), DSN satırları (Status:, Diagnostic-Code:) ve Postfix, Exim,
Sendmail, Microsoft 365 ve Gmail iadeleri ("said:", "refused to talk to
me:", "stat=", "The response was:"). Temel kodu, genişletilmiş kodu, metin
belirtiyorsa yanıtın karşılık verdiği komutu (RCPT, veri sonu için DATA,
karşılama için CONNECT), sunucunun metnini, kodların anlamını ve ne
yapılacağını gösterir: yaygın yanıtlar için kimin harekete geçeceğini, önce
neyin kontrol edileceğini ve yeniden denenip denenmeyeceğini. Bütün bir
iadeyi 'explain -' ile (ya da TEXT vermeden) standart girdiye yapıştırın.
İçinde kod olmayan metin hatadır (çıkış durumu 2).

Seçenekler:
  --json   tek bir JSON nesnesi; alan adları değişmez (bkz. README.md).
           Yalnızca kod verilirse kind "reply_code" ya da "enhanced_status"
           olur; TEXT verilirse kind "reply" olur, alanlar: code, enhanced,
           mismatched_enhanced, command, text, match, marker, lines, offset,
           reply_code, enhanced_status, common (yoksa null)
  --lang L metnin ve --json metinlerinin dili: ar, fr, zh, tr, ru ya da en
           (varsayılan: LC_ALL, LC_MESSAGES, LANG değişkenlerinden; alan
           adları İngilizce kalır; hâlâ neyin İngilizce olduğu için bkz.
           'smtpcodes --help')
)",
    // compare
    R"(Kullanım: smtpcodes compare A B [--json] [--lang L]

İki kodu karşılaştırır: iki yanıt kodu (235 354), iki genişletilmiş durum
kodu (5.1.1 5.7.1) ya da her birinden bir tane (550 5.7.1). Anlamlarının
nerede ayrıldığını ve hangisiyle ne zaman karşılaşıldığını, her birinden
sonra istemcinin ne yaptığını ve ayrıldıkları her yönü belirtir, ardından
iki kodu da açıklar.

Seçenekler:
  --json   tek bir JSON nesnesi: first, second, kind, same_code, same_class,
           same_category, relation, next_step, differences
  --lang L karşılaştırmanın, kodların açıklamalarının ve başlıkların dili:
           ar, fr, zh, tr, ru ya da en (varsayılan: LC_ALL, LC_MESSAGES,
           LANG değişkenlerinden); dilin henüz karşılaştırma tabloları yoksa
           İngilizce
)",
    // list
    R"(Kullanım: smtpcodes list [--class N] [--enhanced] [--json] [--lang L]

Kayıtlı tüm yanıt kodlarını ya da --enhanced ile kayıtlı tüm genişletilmiş
durum kodlarını (X.konu.ayrıntı biçiminde) listeler.

Seçenekler:
  --class N    yalnızca N sınıfı: 2, 3, 4 ya da 5 (--enhanced ile: 2, 4 ya da
               5; kodlar N.konu.ayrıntı biçiminde gösterilir)
  --enhanced   genişletilmiş durum kodları (RFC 3463, IANA kayıt defteri)
  --json       explain --json'un yazdırdığı nesnelerden oluşan tek bir JSON
               dizisi
  --lang L     adların ve metinlerin dili: ar, fr, zh, tr, ru ya da en
               (varsayılan: LC_ALL, LC_MESSAGES, LANG değişkenlerinden);
               --json ile aynı alanlar, metinleri o dilde
)",
    // replies
    R"(Kullanım: smtpcodes replies [FILE] [--accept-8bit]
                            [--bare-lf reject|normalize] [--json] [--lang L]

Sunucudan istemciye giden bir bayt akışını (FILE; FILE verilmemişse ya da
'-' ise standart girdi) ayrıştırır ve her yanıtı kodu, genişletilmiş kodu,
satırları, anlamı ve bu konuda ne yapılacağıyla birlikte yazdırır. Protokol
hatasında çıkış durumu 1'dir; hatanın adı ve bayt ofseti de yazdırılır.

Seçenekler:
  --accept-8bit         yanıt metninde 0x80-0xFF sekizlilerini kabul eder
                        (SMTPUTF8 sunucuları, RFC 6531)
  --bare-lf reject      tek başına LF hatadır (varsayılan)
  --bare-lf normalize   tek başına LF, CRLF gibi satırı bitirir: yalnızca LF
                        içeren yapıştırmalar ve günlükler için
  --json                JSON Lines: her satırda bir nesne, her yanıt için
                        bir tane: code, enhanced (ya da null), lines
                        (metinler), start ve final (yanıtın ilk sekizlisinin
                        ve son sekizlisinin hemen ardının bayt ofsetleri),
                        name, fix ve enhanced_fix (ya da null); protokol
                        hatası çıktıyı {"error": NAME, "offset": N} ile
                        bitirir
  --lang L              adların, anlamların ve önerilerin dili: ar, fr, zh,
                        tr, ru ya da en (varsayılan: LC_ALL, LC_MESSAGES,
                        LANG değişkenlerinden)
)",
    // commands
    R"(Kullanım: smtpcodes commands [FILE] [--bare-lf reject|normalize]
                             [--no-redact] [--json] [--lang L]

İstemciden sunucuya giden bir bayt akışını (FILE; FILE verilmemişse ya da
'-' ise standart girdi) ayrıştırır ve her komutu yolu ve parametreleriyle
yazdırır. DATA içeriği (sunucunun 354 ile yanıt verdiği varsayılarak) nokta
doldurma kodeğiyle CRLF.CRLF'e kadar, BDAT parçaları boyutlarına göre
okunur; ikisi de sekizli sayısı olarak gösterilir. Protokol hatasında çıkış
durumu 1'dir; hatanın adı ve bayt ofseti de yazdırılır.

Kimlik bilgileri varsayılan olarak *** ile maskelenir: AUTH komutunun ilk
yanıtı ('AUTH PLAIN ***') ve AUTH komutundan sonra SASL yanıtı sayılan
satırlar (sunucunun 334 sınamalarına verilen yanıtlar). Yalnızca istemcinin
tarafı bilindiğinden AUTH komutundan sonraki her satır, bilinen bir komut
adıyla başlayan ve base64 olmayan bir satıra kadar yanıt sayılır: AUTH
komutunun hemen ardından gönderilen QUIT gibi bir komut da maskelenir. Boş
bir yanıt, "=" ve iptal anlamındaki "*" hiçbir şey açığa çıkarmaz ve
gösterilir.

Seçenekler:
  --bare-lf reject      tek başına LF hatadır (varsayılan)
  --bare-lf normalize   tek başına LF bir komut satırını bitirir, DATA
                        içinde CRLF olur; tek başına LF ile biten bir "."
                        satırı yine de DATA'yı bitirmez (SMTP smuggling),
                        yalnızca CRLF.CRLF bitirir
  --no-redact           kimlik bilgilerini gösterir: her satır gönderildiği
                        gibi, komut olarak (okuma izniniz olan bir trafik
                        kaydı için; paylaşılan günlükler için asla)
  --json                JSON Lines: her satırda bir nesne: bir komut şu
                        alanlarla: verb, known, argument, path ve params
                        (MAIL ve RCPT), offset, maskelendiyse de
                        "redacted": true; DATA ve BDAT içeriği
                        {"data": OCTETS, "kind", "message_octets",
                        "offset"} olarak; bir SASL yanıtı
                        {"kind": "sasl_response", "text", "redacted",
                        "offset"} olarak; protokol hatası çıktıyı
                        {"error": NAME, "offset": N} ile bitirir
  --lang L              etiketlerin ve iletilerin dili (bkz.
                        'smtpcodes --help')
)",
    // session
    R"(Kullanım: smtpcodes session --client FILE --server FILE [--lmtp] [--json]
                            [--lang L]

Bir SMTP bağlantısının iki bayt akışını, bir proxy ya da trafik kaydının
verdiği biçimde okur: --client istemcinin gönderdiklerini, --server
sunucunun gönderdiklerini verir (biri için standart girdi: '-'). Her komut,
sırayla aldığı yanıtla eşleştirilip onunla birlikte yazdırılır (ardışık
komut gönderiminde (PIPELINING) yanıtlar komutların sırasıyla gelir, RFC
2920); MAIL ve RCPT adresleriyle, DATA ve BDAT içerikten sonraki yanıtla
(LMTP'de, --lmtp, kabul edilen her alıcı için bir yanıt, RFC 2033). Bir 334
sınamasını yanıtlayan satırlar hiçbir zaman gönderildiği gibi değil,
'AUTH (response)' olarak gösterilir. Okuma STARTTLS'te durur: ardından
gelen TLS'dir.

İhlaller, her biri ofsetiyle (istemci ya da sunucu akışında):
  unexpected_reply_code    o komutun hiçbir zaman alamayacağı bir kod (RFC 5321
                           4.3.2)
  no_reply                 sunucu akışı yanıttan önce bitti
  bad_reply:ERROR          sunucu yanıt sözdizimine uymadı
  bad_command:ERROR        istemci komut sözdizimine uymadı
  unterminated_data        içerik CRLF.CRLF'ten ya da BDAT boyutundan önce bitti
  pipelined_after_starttls istemcinin TLS başlatması gereken yerde metin
  plaintext_after_starttls sunucunun TLS başlatması gereken yerde metin (el
                           sıkışmasından önce araya sokulmuş bir yanıt,
                           CVE-2011-0411)
  unsolicited_reply        hiçbir komutun istemediği bir yanıt
Bir ihlal varsa çıkış durumu 1'dir.

--json JSON Lines yazdırır: her komut için bir nesne; alanları command
(komut adı; karşılama için CONNECT), offset (istemci akışı), reply (kod ya
da null), reply_offset (sunucu akışı), violation (bir ad ya da null); DATA
ya da BDAT LAST nesnesinde ayrıca data_reply bulunur (içerikten sonraki
kod; LMTP'de kabul edilen her alıcı için bir tane olmak üzere bir dizi).
--lang L: etiketlerin ve iletilerin dili (bkz. 'smtpcodes --help').

Örnekler:
  smtpcodes session --client c2s.bin --server s2c.bin
  smtpcodes session --lmtp --json --client c2s --server s2c
)",
    // bounce
    R"(Kullanım: smtpcodes bounce [FILE...] [--json] [--lang L]

İade iletilerini okur (her FILE bir ileti (.eml) ya da bunlardan oluşan bir
mbox; FILE verilmezse ya da '-' ise standart girdi) ve her alıcı için
şunları yazdırır: eylem (failed, delayed...), genişletilmiş durum kodu, uzak
sunucunun verdiği yanıt ve bu yanıtın karşılık verdiği komut, iade nedeni
(userunknown, mailboxfull, blocked, ...), kalıcı hata olup olmadığı,
biliniyorsa sağlayıcı ve ne yapılacağı.

Kalıcı hata, yeniden denemenin hiçbir zaman düzeltemeyeceği iadedir: adres
ya da alan adı yoktur, taşınmıştır ya da hiç posta kabul etmez. Engellemeler,
dolu posta kutuları ve politika retleri 5yz koduyla bile geçici hatadır:
adres geçerlidir, önce gönderenin bir şeyi düzeltmesi gerekir. Ertelenen bir
alıcı hiçbir zaman kalıcı hata değildir.

Teslim durum bildirimleri (RFC 3464, multipart/report içinde, RFC 6522) alan
alan okunur; Diagnostic-Code'un "smtp;" metni yanıt olarak okunur. Rapor
bölümü olmayan bir iadede (qmail, eski Exim ve Sendmail, birçok ağ geçidi)
'explain' gibi, metninin alıntıladığı yanıt aranır. Şikâyet raporunun
(RFC 5965) nedeni 'feedback', otomatik yanıtın (RFC 3834) nedeni 'vacation'
olur.

--json JSON Lines yazdırır: her alıcı için bir nesne; alanları file,
recipient, action, status (genişletilmiş kod ya da null), reply_code (sayı
ya da null), command, diagnostic, remote_mta, reason, hard_bounce (true ya
da false), provider ("microsoft" gibi bir tanımlayıcı ya da null) ve fix.
Ayrıştırılamayan bir ileti {"file", "error", "offset"} verir ve diğer
iletilerden sonra çıkış durumu 1 olur.

--lang L (ar, fr, zh, tr, ru ya da en; varsayılan: LC_ALL, LC_MESSAGES, LANG
değişkenlerinden) etiketleri, nedenin açıklamasını ve çözümü o dilde verir.

Örnekler:
  smtpcodes bounce returned.eml
  smtpcodes bounce --json /var/mail/bounces
)",
    // dot
    R"(Kullanım: smtpcodes dot encode [FILE] [--bare-lf reject|normalize|pass]
                               [--lang L]
          smtpcodes dot decode [FILE] [--bare-lf reject|normalize|pass]
                               [--lang L]

encode bir iletiye (FILE ya da standart girdi) nokta doldurma uygular ve
iletiyi CRLF.CRLF sonlandırıcısıyla birlikte yazar. decode, CRLF.CRLF'e
kadarki DATA sekizlilerinde nokta doldurmayı geri alır ve iletiyi yazar;
verinin nerede bittiği ve ardından kaç bayt geldiği stderr'de bildirilir.
Reddedilen girdi: hata ve bayt ofseti stderr'e yazılır, çıkış durumu 1'dir.

Seçenekler:
  --bare-lf POLICY   CRLF'in parçası olmayan bir CR ya da LF karakterine ne
                     olacağı: reject (varsayılan: ofsetiyle birlikte bir
                     hata), normalize (CRLF'e dönüştürülür; veriyi hiçbir
                     zaman bitirmez), pass (içerik olarak korunur; aktarmada
                     tehlikelidir: SMTP smuggling)
  --lang L           stderr'deki iletilerin dili (bkz. 'smtpcodes --help')
)",
    // help
    R"(Kullanım: smtpcodes help [COMMAND] [--lang L]

Genel bakışı ya da COMMAND komutunun yardımını yazdırır
('smtpcodes COMMAND --help' ile aynı).
)",
};

}  // namespace smtpcodes_cli

#endif  // SMTPCODES_CLI_HELP_TR_HPP
