// Bounce classification throughput: smtpcodes::classify beside a hand-written classifier of the
// kind bounce processors carry (lower-case the text into a std::string, then search it for each
// of a list of phrases), over the same replies, in the same run. A third contender runs
// find_reply on the raw line first, as `explain` and the bounce tool do.
//
// The replies: realistic rejections and deferrals from generic MTAs and the big receivers,
// about 60-140 octets of text each, cycled over 100,000 items.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <smtpcodes/classify.hpp>
#include <smtpcodes/find.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view sample_lines[] = {
    "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown in virtual "
    "mailbox table",
    "552 5.2.2 <carol@example.net>: Recipient address rejected: Mailbox full, over quota",
    "550 5.7.606 Access denied, banned sending IP [198.51.100.7]. To request removal from this "
    "list please visit the delisting portal",
    "421 4.7.0 [TSS04] Messages from 198.51.100.7 temporarily deferred due to unexpected "
    "volume or user complaints",
    "550 5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail "
    "requires all senders to authenticate with either SPF or DKIM. gsmtp",
    "450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents "
    "additional messages from being delivered. gsmtp",
    "554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org",
    "451 4.3.0 Temporary lookup failure, please try again later",
    "554 5.7.1 <bob@example.com>: Relay access denied",
    "552 5.3.4 Message size exceeds fixed maximum message size (10485760 bytes)",
    "550 5.7.1 Message rejected as spam by Content Filtering, contact your administrator",
    "450 4.7.1 Client host rejected: cannot find your reverse hostname, [198.51.100.7]",
    "421 4.7.0 Too many concurrent SMTP connections from this IP address; please try later",
    "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [host.outlook.com]",
    "250 2.0.0 Ok: queued as 4Xk2Lq1Zp9z3Wd",
    "530 5.7.0 Must issue a STARTTLS command first",
};

struct item {
  smtpcodes::classify_input input;
  std::string_view line;
};

const std::vector<item>& items() {
  static const std::vector<item> all = [] {
    std::vector<item> out;
    for (std::size_t i = 0; i < 100000; ++i) {
      const std::string_view line = sample_lines[(i * 7) % std::size(sample_lines)];
      const smtpcodes::found_reply f = smtpcodes::find_reply(line);
      if (!f.found) std::abort();
      item it;
      it.input.code = f.code;
      it.input.enhanced = f.enhanced;
      it.input.text = f.text;
      it.input.command = smtpcodes::answered_command::rcpt;
      it.line = line;
      out.push_back(it);
    }
    return out;
  }();
  return all;
}

std::size_t text_bytes() {
  std::size_t n = 0;
  for (const item& it : items()) n += it.line.size();
  return n;
}

void smtpcodes_classify(benchmark::State& state) {
  const auto& all = items();
  for (auto _ : state) {
    for (const item& it : all) {
      const smtpcodes::classification c = smtpcodes::classify(it.input);
      benchmark::DoNotOptimize(c.reason);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * all.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text_bytes()));
}

void smtpcodes_find_then_classify(benchmark::State& state) {
  const auto& all = items();
  for (auto _ : state) {
    for (const item& it : all) {
      const smtpcodes::found_reply f = smtpcodes::find_reply(it.line);
      const smtpcodes::classification c = smtpcodes::classify(f);
      benchmark::DoNotOptimize(c.reason);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * all.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text_bytes()));
}

/// The hand-written classifier: lower-case the text, then look for each phrase in turn; the
/// first one found decides. The phrase list is what such code typically carries.
struct phrase_rule {
  const char* phrase;
  int reason;
};
const phrase_rule hand_rules[] = {
    {"user unknown", 1},
    {"no such user", 1},
    {"does not exist", 1},
    {"mailbox full", 2},
    {"over quota", 2},
    {"quota exceeded", 2},
    {"relay access denied", 8},
    {"relaying denied", 8},
    {"spamhaus", 9},
    {"blocked", 9},
    {"blacklist", 9},
    {"blocklist", 9},
    {"banned", 9},
    {"reverse", 11},
    {"ptr", 11},
    {"spam", 12},
    {"virus", 13},
    {"size exceeds", 7},
    {"too large", 7},
    {"too many", 27},
    {"rate", 28},
    {"starttls", 18},
    {"authenticat", 16},
    {"spf", 16},
    {"dkim", 16},
    {"dmarc", 16},
    {"temporar", 24},
    {"try again", 24},
    {"deferred", 24},
    {"queued", 33},
};

void hand_written_classifier(benchmark::State& state) {
  const auto& all = items();
  for (auto _ : state) {
    for (const item& it : all) {
      std::string lower(it.input.text);
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      int reason = 0;
      for (const phrase_rule& r : hand_rules) {
        if (lower.find(r.phrase) != std::string::npos) {
          reason = r.reason;
          break;
        }
      }
      const bool hard = it.input.code && it.input.code->value() >= 500;  // every 5yz is hard
      benchmark::DoNotOptimize(reason);
      benchmark::DoNotOptimize(hard);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * all.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text_bytes()));
}

}  // namespace

BENCHMARK(smtpcodes_classify)->Unit(benchmark::kMillisecond);
BENCHMARK(smtpcodes_find_then_classify)->Unit(benchmark::kMillisecond);
BENCHMARK(hand_written_classifier)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
