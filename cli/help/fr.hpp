// The smtpcodes tool's help texts in French: cli/help.hpp has the English;
// tools/check_help.py checks this file against it. Terms: docs/glossary/fr.md.
#ifndef SMTPCODES_CLI_HELP_FR_HPP
#define SMTPCODES_CLI_HELP_FR_HPP

#include "../help.hpp"

namespace smtpcodes_cli {

inline constexpr help_texts help_fr = {
    // overview: smtpcodes --help
    R"(smtpcodes - explique les codes de réponse SMTP et les codes d'état étendus

Utilisation : smtpcodes COMMAND [ARGUMENTS] [OPTIONS]

Commandes :
  explain CODE|TEXT|- [--json] [--lang L]
                            explique un code de réponse (550), un code d'état
                            étendu (5.7.1) ou la réponse que contient une
                            réponse collée, une ligne de journal ou un avis de
                            non-remise (entrée standard avec - ou sans TEXT)
  compare A B [--json] [--lang L]
                            compare deux codes (235 354, 5.1.1 5.7.1,
                            550 5.7.1)
  list [--class N] [--enhanced] [--json] [--lang L]
                            liste les codes de réponse enregistrés ou, avec
                            --enhanced, les codes d'état étendus
  replies [FILE] [--accept-8bit] [--bare-lf reject|normalize] [--json]
          [--lang L]        analyse un flux du serveur vers le client (entrée
                            standard par défaut) : chaque réponse, ce qu'elle
                            signifie, que faire
  commands [FILE] [--bare-lf reject|normalize] [--no-redact] [--json]
           [--lang L]       analyse un flux du client vers le serveur : chaque
                            commande avec son chemin et ses paramètres,
                            identifiants masqués
  session --client FILE --server FILE [--lmtp] [--json] [--lang L]
                            associe les commandes d'une connexion à leurs
                            réponses : destinataires, résultat de DATA,
                            violations
  bounce [FILE...] [--json] [--lang L]
                            lit des avis de non-remise (.eml ou mbox, entrée
                            standard par défaut) : chaque destinataire, son
                            motif, échec permanent ou temporaire, et que faire
  dot encode [FILE] [--bare-lf reject|normalize|pass] [--lang L]
                            double le point initial des lignes d'un message,
                            ajoute sa terminaison CRLF.CRLF
  dot decode [FILE] [--bare-lf reject|normalize|pass] [--lang L]
                            retire les points doublés des octets de DATA
                            jusqu'à CRLF.CRLF
  help [COMMAND] [--lang L] ce texte, ou l'aide d'une commande
  --version                 la version de la bibliothèque

'smtpcodes COMMAND --help' explique une commande et ses options. Chaque option
ne peut être donnée qu'une fois ; une option que la commande ne prend pas est
une erreur.

--json affiche un document JSON (explain, compare, list) ou, pour les flux
(replies, commands), du JSON Lines : un objet JSON par ligne, un par réponse
ou par commande, le dernier étant {"error": NAME, "offset": N} en cas
d'erreur de protocole.

replies et commands lisent les textes collés et les journaux à fins de ligne
LF seules avec --bare-lf normalize (un LF isolé termine une ligne) ; par
défaut, un LF isolé est une erreur (RFC 5321 2.3.8).

Le texte lu est affiché sans risque : avec --json, chaque chaîne est en UTF-8
valide (chaque séquence UTF-8 mal formée devient U+FFFD ; les caractères de
contrôle deviennent \u00XX) ; en sortie texte, les caractères de contrôle et
l'UTF-8 mal formé sont affichés en \xHH, octet par octet.
La sortie texte est coupée à la largeur du terminal : COLUMNS s'il est défini,
sinon la largeur du terminal, sinon 80, en comptant les colonnes d'affichage
(un caractère chinois en occupe deux) ; le chinois est coupé entre deux
caractères, l'arabe est affiché dans l'ordre logique.

--lang ar|fr|zh|tr|ru|en (toutes les commandes) : la langue des explications,
des libellés, des titres, des messages et de l'aide : arabe, français, chinois
simplifié, turc, russe ou anglais. Sans cette option, la première des
variables LC_ALL, LC_MESSAGES et LANG qui est définie et non vide décide d'après
sa partie langue (fr_FR.UTF-8 donne le français ; C, POSIX et les langues non
listées donnent l'anglais).
Les codes, les verbes de commande, les numéros de RFC et les noms de champs de
--json ne sont jamais traduits ; --json donne les mêmes champs, avec les
textes dans cette langue, classes et catégories de réponse (5yz, x5z)
comprises ; explain TEXT y donne la description et la correction du motif de
l'avis de non-remise (le nom du motif, userunknown, ne change jamais).
Tout ce qu'une personne lit est dans cette langue : comparaisons, textes des
fournisseurs, notes, conseils, descriptions d'erreurs, messages sur stderr et
cette aide.
Les identificateurs restent en anglais : les mots d'état de --json, les noms
d'erreurs (bare_lf), les noms de violations et les noms d'options.

Code de sortie : 0 en cas de succès, 1 en cas d'erreur de protocole dans
l'entrée analysée, 2 en cas d'erreur d'utilisation, de code non valide ou de
fichier illisible. Chaque message sur stderr commence par 'smtpcodes: '.
)",
    // explain
    R"(Utilisation : smtpcodes explain CODE [--json] [--lang L]
              smtpcodes explain TEXT [--json] [--lang L]
              smtpcodes explain [-] [--json] [--lang L]
                  (lit TEXT sur l'entrée standard)

Explique un code de réponse (550) ou un code d'état étendu (5.7.1) : son nom,
sa classe, sa signification, quand on le rencontre, comment y remédier, et sa
RFC. Un code bien formé mais non enregistré est expliqué d'après ses chiffres.

Un code de réponse compte trois chiffres : le premier de 2 à 5, le deuxième de
0 à 5 (RFC 5321 4.2). Un code d'état étendu s'écrit class.subject.detail, avec
une classe 2, 4 ou 5, un sujet et un détail de 1 à 3 chiffres, sans zéro
initial (RFC 3463).

Dans tout autre TEXT, l'outil cherche la réponse qu'il contient :
"550 5.1.1 User unknown", "550-5.1.1", "#550 5.1.1 ... ##" et "#5.1.1"
d'Exchange, une réponse multiligne (LF ou CRLF), des lignes de DSN (Status:,
Diagnostic-Code:), et les avis de non-remise de Postfix, Exim, Sendmail,
Microsoft 365 et Gmail ("said:", "refused to talk to
me:", "stat=", "The response was:"). Il affiche le code de base, le code
étendu, la commande à laquelle la réponse répondait quand le texte l'indique
(RCPT, DATA pour la fin des données, CONNECT pour le message d'accueil), le
texte du serveur, la signification des codes et que faire : qui agit, quoi
vérifier d'abord et s'il faut réessayer, pour les réponses courantes. Collez
un avis de non-remise entier sur l'entrée standard avec 'explain -' (ou sans
TEXT). Un texte qui ne contient aucun code est une erreur (code de sortie 2).

Options :
  --json   un objet JSON ; les noms de champs sont stables (voir README.md).
           Un code seul donne kind "reply_code" ou "enhanced_status" ; TEXT
           donne kind "reply" : code, enhanced, mismatched_enhanced, command,
           text, match, marker, lines, offset, reply_code, enhanced_status,
           common (null en cas d'absence)
  --lang L la langue du texte et des textes de --json : ar, fr, zh, tr, ru ou
           en (par défaut : d'après LC_ALL, LC_MESSAGES, LANG ; les noms de
           champs restent en anglais ; voir 'smtpcodes --help' pour ce qui
           est encore en anglais)
)",
    // compare
    R"(Utilisation : smtpcodes compare A B [--json] [--lang L]

Compare deux codes : deux codes de réponse (235 354), deux codes d'état
étendus (5.1.1 5.7.1) ou un de chaque (550 5.7.1). Indique ce qui diffère
dans leur sens et dans quels cas on rencontre l'un ou l'autre, ce que fait le
client après chacun, et chaque aspect sur lequel ils diffèrent, puis explique
les deux codes.

Options :
  --json   un objet JSON : first, second, kind, same_code, same_class,
           same_category, relation, next_step, differences
  --lang L la langue de la comparaison, des explications des codes et des
           titres : ar, fr, zh, tr, ru ou en (par défaut : d'après LC_ALL,
           LC_MESSAGES, LANG) ; l'anglais là où la langue n'a pas encore de
           tables de comparaison
)",
    // list
    R"(Utilisation : smtpcodes list [--class N] [--enhanced] [--json] [--lang L]

Liste tous les codes de réponse enregistrés ou, avec --enhanced, tous les
codes d'état étendus enregistrés (sous la forme X.subject.detail).

Options :
  --class N    seulement la classe N : 2, 3, 4 ou 5 (avec --enhanced : 2, 4
               ou 5, et les codes sont affichés sous la forme N.subject.detail)
  --enhanced   les codes d'état étendus (RFC 3463, registre IANA)
  --json       un tableau JSON des objets qu'affiche explain --json
  --lang L     la langue des noms et des textes : ar, fr, zh, tr, ru ou en
               (par défaut : d'après LC_ALL, LC_MESSAGES, LANG) ; avec --json,
               les mêmes champs, avec leurs textes dans cette langue
)",
    // replies
    R"(Utilisation : smtpcodes replies [FILE] [--accept-8bit]
                                [--bare-lf reject|normalize] [--json] [--lang L]

Analyse un flux d'octets du serveur vers le client (FILE, ou l'entrée standard
si FILE est absent ou vaut '-') et affiche chaque réponse avec son code, son
code étendu, ses lignes, ce qu'elle signifie et ce qu'il faut faire. Code de
sortie 1 en cas d'erreur de protocole, avec son nom et sa position en octets.

Options :
  --accept-8bit         accepte les octets 0x80-0xFF dans le texte des
                        réponses (serveurs SMTPUTF8, RFC 6531)
  --bare-lf reject      un LF isolé est une erreur (par défaut)
  --bare-lf normalize   un LF isolé termine une ligne, comme CRLF : pour les
                        textes collés et les journaux à fins de ligne LF
                        seules
  --json                JSON Lines : un objet par ligne, un par réponse :
                        code, enhanced (ou null), lines (les textes), start
                        et final (positions en octets du premier octet de la
                        réponse et de l'octet qui suit son dernier), name,
                        fix et enhanced_fix (ou null) ; une erreur de
                        protocole termine la sortie par
                        {"error": NAME, "offset": N}
  --lang L              la langue des noms, des significations et des
                        conseils : ar, fr, zh, tr, ru ou en (par défaut :
                        d'après LC_ALL, LC_MESSAGES, LANG)
)",
    // commands
    R"(Utilisation : smtpcodes commands [FILE] [--bare-lf reject|normalize]
                                 [--no-redact] [--json] [--lang L]

Analyse un flux d'octets du client vers le serveur (FILE, ou l'entrée standard
si FILE est absent ou vaut '-') et affiche chaque commande avec son chemin et
ses paramètres. Le contenu de DATA (en supposant que le serveur a répondu 354)
est lu jusqu'à CRLF.CRLF avec le codec dot, les blocs BDAT d'après leur
taille ; l'un et l'autre sont affichés en nombre d'octets. Code de sortie 1 en
cas d'erreur de protocole, avec son nom et sa position en octets.

Par défaut, les identifiants sont remplacés par *** : la réponse initiale
d'AUTH ('AUTH PLAIN ***') et les lignes qui suivent AUTH et sont prises pour
des réponses SASL (les réponses aux défis 334 du serveur). Seul le côté client
est connu : après AUTH, chaque ligne est donc prise pour une réponse jusqu'à
ce qu'une ligne commence par un verbe de commande connu et ne soit pas du
base64 ; une commande comme QUIT envoyée juste après AUTH est donc masquée
elle aussi. Une réponse vide, "=" et l'annulation "*" ne révèlent rien et sont
affichées.

Options :
  --bare-lf reject      un LF isolé est une erreur (par défaut)
  --bare-lf normalize   un LF isolé termine une ligne de commande et, dans
                        DATA, devient CRLF ; une ligne "." terminée par un LF
                        isolé ne termine toujours pas DATA (SMTP smuggling),
                        seul CRLF.CRLF la termine
  --no-redact           affiche les identifiants : chaque ligne comme une
                        commande, telle qu'elle a été envoyée (pour une
                        capture que vous avez le droit de lire ; jamais pour
                        des journaux partagés)
  --json                JSON Lines : un objet par ligne : une commande sous
                        la forme verb, known, argument, path et params (MAIL
                        et RCPT), offset, et "redacted": true si elle est
                        masquée ; le contenu de DATA et de BDAT sous la forme
                        {"data": OCTETS, "kind", "message_octets", "offset"} ;
                        une réponse SASL sous la forme {"kind":
                        "sasl_response", "text", "redacted", "offset"} ; une
                        erreur de protocole termine la sortie par
                        {"error": NAME, "offset": N}
  --lang L              la langue des libellés et des messages (voir
                        'smtpcodes --help')
)",
    // session
    R"(Utilisation : smtpcodes session --client FILE --server FILE [--lmtp] [--json]
                                [--lang L]

Lit les deux flux d'octets d'une connexion SMTP, tels que les fournit un proxy
ou une capture : --client ce qu'a envoyé le client, --server ce qu'a envoyé le
serveur ('-' pour l'entrée standard dans l'un des deux). Chaque commande est
associée à la réponse qu'elle a reçue, dans l'ordre (en pipelining, les
réponses arrivent dans l'ordre où leurs commandes ont été envoyées, RFC
2920), et affichée avec elle ; MAIL et RCPT avec leurs adresses, DATA et BDAT
avec la réponse qui suit le contenu (en LMTP, --lmtp, une par destinataire
accepté, RFC 2033). Les lignes qui répondent à un défi 334 sont affichées sous
la forme 'AUTH (response)', jamais telles qu'envoyées. La lecture s'arrête à
STARTTLS : la suite est du TLS.

Violations, chacune avec sa position (dans le flux client ou serveur) :
  unexpected_reply_code    un code que cette commande ne peut jamais recevoir
                           (RFC 5321 4.3.2)
  no_reply                 le flux du serveur s'est terminé avant la réponse
  bad_reply:ERROR          le serveur a enfreint la syntaxe des réponses
  bad_command:ERROR        le client a enfreint la syntaxe des commandes
  unterminated_data        le contenu s'est terminé avant CRLF.CRLF ou avant
                           la taille annoncée par BDAT
  pipelined_after_starttls du texte là où le TLS du client devrait commencer
  plaintext_after_starttls du texte là où le TLS du serveur devrait commencer
                           (une réponse injectée avant la négociation,
                           CVE-2011-0411)
  unsolicited_reply        une réponse qu'aucune commande n'a demandée
Code de sortie 1 en cas de violation.

--json affiche du JSON Lines : un objet par commande avec les champs command
(le verbe ; CONNECT pour le message d'accueil), offset (flux client), reply
(code ou null), reply_offset (flux serveur), violation (un nom ou null) ;
l'objet de DATA ou de BDAT LAST a en plus data_reply (le code qui suit le
contenu ; en LMTP, un tableau, un par destinataire accepté). --lang L : la
langue des libellés et des messages (voir 'smtpcodes --help').

Exemples :
  smtpcodes session --client c2s.bin --server s2c.bin
  smtpcodes session --lmtp --json --client c2s --server s2c
)",
    // bounce
    R"(Utilisation : smtpcodes bounce [FILE...] [--json] [--lang L]

Lit des avis de non-remise, chaque FILE étant un message (.eml) ou un fichier
mbox de messages (l'entrée standard sans FILE ou avec '-'), et affiche chaque
destinataire : l'action (failed, delayed...), le code d'état étendu, la
réponse qu'a donnée le serveur distant et la commande à laquelle elle
répondait, le motif de l'avis de non-remise (userunknown, mailboxfull,
blocked, ...), s'il s'agit d'un échec permanent, le fournisseur quand il est
connu, et que faire.

Un échec permanent est un échec qu'aucune nouvelle tentative ne pourra jamais
corriger : l'adresse ou le domaine n'existe pas, a été déplacé ou n'accepte
aucun courrier. Les blocages, les boîtes aux lettres pleines et les rejets dus
à une politique sont des échecs temporaires, même avec un code 5yz : l'adresse
est bonne, l'expéditeur doit d'abord corriger quelque chose. Un destinataire
dont la remise est reportée n'est jamais un échec permanent.

Les notifications d'état de remise (RFC 3464, dans un multipart/report,
RFC 6522) sont lues champ par champ, le texte "smtp;" de Diagnostic-Code étant
lu comme une réponse. Dans un avis de non-remise sans partie de rapport
(qmail, anciennes versions d'Exim et de Sendmail, nombreuses passerelles),
l'outil cherche la réponse que cite le texte, comme 'explain'. Un rapport de
plainte (RFC 5965) donne 'feedback' ; une réponse automatique (RFC 3834) donne
'vacation'.

--json affiche du JSON Lines : un objet par destinataire avec les champs file,
recipient, action, status (code étendu ou null), reply_code (nombre ou null),
command, diagnostic, remote_mta, reason, hard_bounce (true ou false), provider
(un identificateur comme "microsoft", ou null) et fix. Un message impossible à
analyser donne {"file", "error", "offset"} et le code de sortie 1 après les
autres messages.

--lang L (ar, fr, zh, tr, ru ou en ; par défaut : d'après LC_ALL, LC_MESSAGES,
LANG) donne les libellés, la description du motif et la correction dans cette
langue.

Exemples :
  smtpcodes bounce returned.eml
  smtpcodes bounce --json /var/mail/bounces
)",
    // dot
    R"(Utilisation : smtpcodes dot encode [FILE] [--bare-lf reject|normalize|pass]
                                   [--lang L]
              smtpcodes dot decode [FILE] [--bare-lf reject|normalize|pass]
                                   [--lang L]

encode double le point initial des lignes d'un message (FILE, ou l'entrée
standard) et l'écrit avec sa terminaison CRLF.CRLF. decode retire les points
doublés des octets de DATA jusqu'à CRLF.CRLF et écrit le message ; l'endroit
où les données se terminaient et le nombre d'octets qui suivent sont indiqués
sur stderr. Entrée rejetée : l'erreur et sa position en octets sur stderr,
code de sortie 1.

Options :
  --bare-lf POLICY   ce qu'il advient d'un CR ou d'un LF qui ne fait pas
                     partie d'un CRLF : reject (par défaut : une erreur avec
                     sa position), normalize (le convertir en CRLF ; il ne
                     termine jamais les données), pass (le garder comme
                     contenu ; dangereux si le message est relayé : SMTP
                     smuggling)
  --lang L           la langue des messages sur stderr (voir
                     'smtpcodes --help')
)",
    // help
    R"(Utilisation : smtpcodes help [COMMAND] [--lang L]

Affiche la vue d'ensemble, ou l'aide de COMMAND (comme
'smtpcodes COMMAND --help').
)",
};

}  // namespace smtpcodes_cli

#endif  // SMTPCODES_CLI_HELP_FR_HPP
