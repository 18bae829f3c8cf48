// TEMPORARY (classify branch): defines providers.hpp's two functions classify.hpp calls, so that
// tests/classify_test.cpp builds and links before providers.hpp is filled in. The coordinator
// deletes this file (and its #include in classify_test.cpp) when merging providers.hpp.
// Include it after <smtpcodes/classify.hpp>: a constexpr function declared there may be defined
// later in the same translation unit.
#ifndef SMTPCODES_TEST_PROVIDER_STUB_HPP
#define SMTPCODES_TEST_PROVIDER_STUB_HPP

#include <smtpcodes/providers.hpp>

#define SMTPCODES_TEST_PROVIDER_STUB 1

namespace smtpcodes {
namespace stub {
// One made-up entry, found only when the text holds "STUB-TOKEN-42", to test classify's
// provider step; no real provider uses that token.
inline constexpr provider_code_info entry{
    provider::microsoft,           "STUB-TOKEN-42", "",
    bounce_reason::badreputation,  "stub meaning",  "stub fix",
    "https://example.invalid/stub"};
}  // namespace stub

constexpr provider detect_provider(std::string_view text, std::string_view remote_host) noexcept {
  if (remote_host.size() >= 11 && remote_host.substr(remote_host.size() - 11) == ".google.com")
    return provider::google;
  (void)text;
  return provider::none;
}

constexpr const provider_code_info* find_provider_code(std::optional<reply_code> code,
                                                       std::optional<enhanced_status> enhanced,
                                                       std::string_view text,
                                                       std::string_view remote_host) noexcept {
  (void)code;
  (void)enhanced;
  (void)remote_host;
  return text.find("STUB-TOKEN-42") != std::string_view::npos ? &stub::entry : nullptr;
}

}  // namespace smtpcodes

#endif  // SMTPCODES_TEST_PROVIDER_STUB_HPP
