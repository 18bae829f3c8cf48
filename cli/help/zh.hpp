// The smtpcodes tool's help texts in Chinese (Simplified): cli/help.hpp has the English;
// tools/check_help.py checks this file against it. Terms: docs/glossary/zh.md.
#ifndef SMTPCODES_CLI_HELP_ZH_HPP
#define SMTPCODES_CLI_HELP_ZH_HPP

#include "../help.hpp"

namespace smtpcodes_cli {

inline constexpr help_texts help_zh = {
    // overview: smtpcodes --help
    R"(smtpcodes - 解释 SMTP 响应码和增强状态码

用法：smtpcodes COMMAND [ARGUMENTS] [OPTIONS]

命令：
  explain CODE|TEXT|- [--json] [--lang L]
                            解释响应码（550）、增强状态码（5.7.1），或粘贴的响
                            应、日志行或退信中的响应（给出 - 或不给 TEXT 时读取
                            标准输入）
  compare A B [--json] [--lang L]
                            比较两个代码（235 354、5.1.1 5.7.1、550 5.7.1）
  list [--class N] [--enhanced] [--json] [--lang L]
                            列出已登记的响应码；加 --enhanced 时列出增强状态码
  replies [FILE] [--accept-8bit] [--bare-lf reject|normalize] [--json]
          [--lang L]        解析服务端到客户端的数据流（默认读取标准输入）：逐条
                            给出响应、其含义及处理办法
  commands [FILE] [--bare-lf reject|normalize] [--no-redact] [--json]
           [--lang L]       解析客户端到服务端的数据流：逐条给出命令及其路径和参
                            数，凭据会被遮盖
  session --client FILE --server FILE [--lmtp] [--json] [--lang L]
                            将一个连接中的各条命令与其响应一一对应：收件人、DATA
                            结果、违规
  bounce [FILE...] [--json] [--lang L]
                            读取退信（.eml 或 mbox，默认读取标准输入）：每个收件
                            人、退信原因、硬退信还是软退信，以及处理办法
  dot encode [FILE] [--bare-lf reject|normalize|pass] [--lang L]
                            对邮件进行点填充，并加上 CRLF.CRLF 结束符
  dot decode [FILE] [--bare-lf reject|normalize|pass] [--lang L]
                            读取 DATA 字节直到 CRLF.CRLF，并去除点填充
  help [COMMAND] [--lang L] 本说明，或某个命令的帮助
  --version                 库的版本号

'smtpcodes COMMAND --help' 说明一个命令及其选项。每个选项最多给出一次；给出命令
不接受的选项会报错。

--json 输出一个 JSON 文档（explain、compare、list）；对于数据流（replies、
commands），则输出 JSON Lines：每行一个 JSON 对象，每条响应或命令一个；遇到协议
错误时，最后一个对象为 {"error": NAME, "offset": N}。

replies 和 commands 加上 --bare-lf normalize 即可读取只以 LF 换行的粘贴文字和日
志（裸 LF 结束一行）；默认情况下，裸 LF 视为错误（RFC 5321 2.3.8）。

输入中的文字会以安全的方式输出：使用 --json 时，每个字符串都是有效的 UTF-8（每个
格式错误的 UTF-8 序列变为 U+FFFD；控制字符写作 \u00XX）；以文本输出时，控制字符
和格式错误的 UTF-8 逐字节显示为 \xHH。文本输出按终端宽度折行：若设置了 COLUMNS
则取其值，否则取终端宽度，都没有时取 80；宽度按显示列计算（一个汉字占两列）；中
文在字与字之间断行，阿拉伯文按逻辑顺序输出。

--lang ar|fr|zh|tr|ru|en（所有命令）：解释、标签、标题、提示信息和帮助所用的语
言：阿拉伯文、法文、简体中文、土耳其文、俄文或英文。未给出时，由 LC_ALL、
LC_MESSAGES 和 LANG 中第一个已设置且非空的变量按其语言部分决定（fr_FR.UTF-8 为法
文；C、POSIX 以及未列出的语言为英文）。代码、命令动词、RFC 编号和 --json 的字段
名永不翻译；--json 给出相同的字段，其中的文字为该语言，响应类别和分类（5yz、
x5z）也不例外；explain TEXT 以该语言给出退信原因的描述和处理办法（原因名
userunknown 始终不变）。
凡是给人阅读的内容都使用该语言：比较结果、服务商说明、注释、建议、错误描述、标准
错误上的提示信息以及本帮助。标识符保持英文：--json 的状态词、错误名（bare_lf）、
违规名和选项名。

退出状态：成功为 0；解析的输入中有协议错误为 1；用法错误、代码无效或文件无法读取
为 2。标准错误上的每条提示信息都以 'smtpcodes: ' 开头。
)",
    // explain
    R"(用法：smtpcodes explain CODE [--json] [--lang L]
      smtpcodes explain TEXT [--json] [--lang L]
      smtpcodes explain [-] [--json] [--lang L]   （从标准输入读取 TEXT）

解释响应码（550）或增强状态码（5.7.1）：名称、类别、含义、何时出现、如何解决，以
及定义它的 RFC。格式正确但未登记的代码按其各位数字解读。

响应码为三位数字：第一位为 2-5，第二位为 0-5（RFC 5321 4.2）。增强状态码的格式为
class.subject.detail，其中 class 为 2、4 或 5，subject 和 detail 均为 1 到 3 位
数字，不带前导零（RFC 3463）。

对于其他任何 TEXT，会在其中查找响应："550 5.1.1 User unknown"、"550-5.1.1"、
Exchange 的 "#550 5.1.1 ... ##" 和 "#5.1.1"、多行响应（LF 或 CRLF）、DSN 行
（Status:、Diagnostic-Code:），以及 Postfix、Exim、Sendmail、Microsoft 365 和
Gmail 的退信（"said:", "refused to talk to
me:", "stat=", "The response was:"）。显示基本响应码、增强状态码、文字中写明时该
响应所针对的命令（RCPT；数据结束时为 DATA；问候语为 CONNECT）、服务器原文、这些
代码的含义，以及常见响应的处理办法：由谁处理、先检查什么、是否重试。用
'explain -'（或不给 TEXT）可从标准输入粘贴整封退信。不含代码的文字会报错（退出状
态 2）。

选项：
  --json   一个 JSON 对象；字段名是稳定的（参见 README.md）。单独的代码给出 kind
           "reply_code" 或 "enhanced_status"；TEXT 给出 kind "reply"：code、
           enhanced、mismatched_enhanced、command、text、match、marker、lines、
           offset、reply_code、enhanced_status、common（不存在时为 null）
  --lang L 输出的文字以及 --json 中的文字所用的语言：ar、fr、zh、tr、ru 或
           en（默认：取自 LC_ALL、LC_MESSAGES、LANG；字段名保持英文；哪些内容仍
           为英文，参见 'smtpcodes --help'）
)",
    // compare
    R"(用法：smtpcodes compare A B [--json] [--lang L]

比较两个代码：两个响应码（235 354）、两个增强状态码（5.1.1 5.7.1），或各一个
（550 5.7.1）。说明两者在含义上有何不同、各自在什么情况下遇到、客户端收到每个代
码后下一步做什么，以及两者不同的每个方面，然后分别解释这两个代码。

选项：
  --json   一个 JSON 对象：first、second、kind、same_code、same_class、
           same_category、relation、next_step、differences
  --lang L 比较结果、代码解释和标题所用的语言：ar、fr、zh、tr、ru 或 en（默认：
           取自 LC_ALL、LC_MESSAGES、LANG）；该语言尚无比较表时使用英文
)",
    // list
    R"(用法：smtpcodes list [--class N] [--enhanced] [--json] [--lang L]

列出所有已登记的响应码；加 --enhanced 时列出所有已登记的增强状态码（形如
X.subject.detail）。

选项：
  --class N    只列出类别 N：2、3、4 或 5（与 --enhanced 同用时为 2、4 或 5，代
               码显示为 N.subject.detail）
  --enhanced   增强状态码（RFC 3463，IANA 注册表）
  --json       一个 JSON 数组，其元素为 explain --json 输出的对象
  --lang L     名称和文字所用的语言：ar、fr、zh、tr、ru 或 en（默认：取自
               LC_ALL、LC_MESSAGES、LANG）；与 --json 同用时字段不变，其中的文字
               为该语言
)",
    // replies
    R"(用法：smtpcodes replies [FILE] [--accept-8bit] [--bare-lf reject|normalize]
                        [--json] [--lang L]

解析服务端到客户端的字节流（FILE；未给出 FILE 或为 '-' 时读取标准输入），逐条显
示响应及其响应码、增强状态码、各行、含义和处理办法。遇到协议错误时，显示错误名及
其字节位置，退出状态为 1。

选项：
  --accept-8bit         接受响应文字中的 0x80-0xFF 字节（SMTPUTF8 服务器，
                        RFC 6531）
  --bare-lf reject      裸 LF 视为错误（默认）
  --bare-lf normalize   裸 LF 与 CRLF 一样结束一行：用于只以 LF 换行的粘贴文字和
                        日志
  --json                JSON Lines：每行一个对象，每条响应一个：code、
                        enhanced（或 null）、lines（各行文字）、start 和
                        final（字节位置：该响应的第一个字节，以及紧接其最后一个
                        字节之后的位置）、name、fix 和 enhanced_fix（或 null）；
                        遇到协议错误时，输出以 {"error": NAME, "offset": N} 结束
  --lang L              名称、含义和建议所用的语言：ar、fr、zh、tr、ru 或 en（默
                        认：取自 LC_ALL、LC_MESSAGES、LANG）
)",
    // commands
    R"(用法：smtpcodes commands [FILE] [--bare-lf reject|normalize] [--no-redact]
                         [--json] [--lang L]

解析客户端到服务端的字节流（FILE；未给出 FILE 或为 '-' 时读取标准输入），逐条显
示命令及其路径和参数。DATA 的内容（假定服务端已以 354 响应）用点编解码器读取到
CRLF.CRLF 为止，BDAT 数据块则按其大小读取；两者都显示为字节数。遇到协议错误时，
显示错误名及其字节位置，退出状态为 1。

默认情况下，凭据以 *** 遮盖：AUTH 的初始应答（'AUTH PLAIN ***'），以及 AUTH 之后
被视为 SASL 应答的各行（对服务端 334 质询的应答）。由于只能看到客户端一方，AUTH
之后的每一行都被视为应答，直到某一行以已知的命令动词开头且不是 base64 为止：因此
紧接在 AUTH 之后发送的 QUIT 之类的命令也会被遮盖。空应答、"=" 和表示取消的 "*"
不会泄露任何内容，照常显示。

选项：
  --bare-lf reject      裸 LF 视为错误（默认）
  --bare-lf normalize   裸 LF 结束一个命令行，在 DATA 中则转为 CRLF；以裸 LF 结
                        尾的 "." 行仍不会结束 DATA（SMTP 走私），只有 CRLF.CRLF
                        才会
  --no-redact           显示凭据：每一行都作为命令，按发送时的原样显示（用于你有
                        权查看的抓包数据；切勿用于共享的日志）
  --json                JSON Lines：每行一个对象：命令的字段为 verb、known、
                        argument、path 和 params（MAIL 与 RCPT）、offset，被遮盖
                        时还有 "redacted": true；DATA 和 BDAT 的内容为 {"data":
                        OCTETS, "kind", "message_octets", "offset"}；SASL 应答为
                        {"kind": "sasl_response", "text", "redacted",
                        "offset"}；遇到协议错误时，输出以
                        {"error": NAME, "offset": N} 结束
  --lang L              标签和提示信息所用的语言（参见 'smtpcodes --help'）
)",
    // session
    R"(用法：smtpcodes session --client FILE --server FILE [--lmtp] [--json]
                        [--lang L]

读取一个 SMTP 连接的两个字节流，即代理或抓包所得的数据：--client 为客户端发送的
内容，--server 为服务端发送的内容（其中一个可用 '-' 表示标准输入）。每条命令按顺
序与它收到的响应对应起来（管道化的响应按其命令的顺序到达，RFC 2920），并一同显
示；MAIL 和 RCPT 附带其地址，DATA 和 BDAT 附带内容之后的响应（对于 LMTP，即
--lmtp，每个被接受的收件人各一条，RFC 2033）。对 334 质询作出应答的行显示为
'AUTH (response)'，绝不按原样显示。读取到 STARTTLS 即停止：其后是 TLS。

违规（每项都附带其在客户端或服务端数据流中的字节位置）：
  unexpected_reply_code    该命令绝不可能收到的代码（RFC 5321 4.3.2）
  no_reply                 服务端数据流在响应到来之前就已结束
  bad_reply:ERROR          服务端违反了响应语法
  bad_command:ERROR        客户端违反了命令语法
  unterminated_data        内容在 CRLF.CRLF 或达到 BDAT 的大小之前就已结束
  pipelined_after_starttls 客户端本应开始 TLS 的位置出现了文字
  plaintext_after_starttls 服务端本应开始 TLS 的位置出现了文字（在握手之前注入的
                           响应，CVE-2011-0411）
  unsolicited_reply        没有任何命令请求过的响应
存在违规时，退出状态为 1。

--json 输出 JSON Lines：每条命令一个对象，字段为 command（命令动词；问候语为
CONNECT）、offset（客户端数据流中的位置）、reply（代码或 null）、
reply_offset（服务端数据流中的位置）、violation（违规名或 null）；DATA 或 BDAT
LAST 的对象还有 data_reply（内容之后的代码；在 LMTP 中为数组，每个被接受的收件人
一个）。--lang L：标签和提示信息所用的语言（参见 'smtpcodes --help'）。

示例：
  smtpcodes session --client c2s.bin --server s2c.bin
  smtpcodes session --lmtp --json --client c2s --server s2c
)",
    // bounce
    R"(用法：smtpcodes bounce [FILE...] [--json] [--lang L]

读取退信（未送达报告），每个 FILE 为一封邮件（.eml）或由这类邮件组成的 mbox（未
给出 FILE 或为 '-' 时读取标准输入），并逐个显示收件人：动作（failed、delayed
等）、增强状态码、远程服务器给出的响应及其所针对的命令、退信原因（userunknown、
mailboxfull、blocked 等）、是否为硬退信、服务商（如能识别），以及处理办法。

硬退信是指重试永远无法解决的退信：地址或域名不存在、已迁移，或不接收任何邮件。被
拦截、邮箱已满和策略拒收即使带有 5yz 代码，也属于软退信：地址本身没有问题，发件
人必须先解决某个问题。投递被延迟的收件人绝不算硬退信。

投递状态通知（RFC 3464，位于 multipart/report 中，RFC 6522）逐字段读取，
Diagnostic-Code 中 "smtp;" 之后的文字按响应解析。没有报告部分的退信（qmail、较早
的 Exim 和 Sendmail、许多网关）则像 'explain' 一样，在其文字中查找所引用的响应。
投诉反馈报告（RFC 5965）归为 'feedback'；自动回复（RFC 3834）归为 'vacation'。

--json 输出 JSON Lines：每个收件人一个对象，字段为 file、recipient、action、
status（增强状态码或 null）、reply_code（数字或 null）、command、diagnostic、
remote_mta、reason、hard_bounce（true 或 false）、provider（"microsoft" 之类的标
识符或 null）和 fix。无法解析的邮件给出 {"file", "error", "offset"}，并在处理完
其他邮件后以退出状态 1 结束。

--lang L（ar、fr、zh、tr、ru 或 en；默认：取自 LC_ALL、LC_MESSAGES、LANG）以该语
言给出标签、退信原因的描述和处理办法。

示例：
  smtpcodes bounce returned.eml
  smtpcodes bounce --json /var/mail/bounces
)",
    // dot
    R"(用法：smtpcodes dot encode [FILE] [--bare-lf reject|normalize|pass] [--lang L]
      smtpcodes dot decode [FILE] [--bare-lf reject|normalize|pass] [--lang L]

encode 对邮件（FILE，或标准输入）进行点填充，加上 CRLF.CRLF 结束符后写出。decode
读取 DATA 字节直到 CRLF.CRLF，去除点填充后写出邮件；数据在何处结束、其后还有多少
字节，会在标准错误上报告。输入被拒绝时：错误及其字节位置输出到标准错误，退出状态
为 1。

选项：
  --bare-lf POLICY   如何处理不属于 CRLF 的 CR 或 LF：reject（默认：报错并给出其
                     字节位置）、normalize（转为 CRLF；它永远不会结束数据）、
                     pass（作为内容保留；中继时有危险：SMTP 走私）
  --lang L           标准错误上提示信息所用的语言（参见 'smtpcodes --help'）
)",
    // help
    R"(用法：smtpcodes help [COMMAND] [--lang L]

显示总览，或 COMMAND 的帮助（与 'smtpcodes COMMAND --help' 相同）。
)",
};

}  // namespace smtpcodes_cli

#endif  // SMTPCODES_CLI_HELP_ZH_HPP
