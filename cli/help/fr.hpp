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
                            retire les points doublés des octets de DATA,
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
variables LC_ALL, LC_MESSAGES et LANG qui est définie et non vide décide, par
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
};

}  // namespace smtpcodes_cli

#endif  // SMTPCODES_CLI_HELP_FR_HPP
