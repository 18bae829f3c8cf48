// Places test input flush against an unreadable page, so any read past its end faults at once,
// even without a sanitizer (the habit of picohttpparser's test.c).
#ifndef SMTPCODES_TESTS_GUARD_PAGE_HPP
#define SMTPCODES_TESTS_GUARD_PAGE_HPP

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

class guarded_input {
 public:
  explicit guarded_input(const std::string& data) : size_(data.size()) {
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    const std::size_t readable = (data.size() / page + 1) * page;
    length_ = readable + page;
    void* base = mmap(nullptr, length_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) throw std::runtime_error("mmap failed");
    base_ = static_cast<char*>(base);
    if (mprotect(base_ + readable, page, PROT_NONE) != 0) throw std::runtime_error("mprotect");
    start_ = base_ + readable - data.size();
    if (!data.empty()) std::memcpy(start_, data.data(), data.size());
  }
  guarded_input(const guarded_input&) = delete;
  guarded_input& operator=(const guarded_input&) = delete;
  ~guarded_input() { munmap(base_, length_); }

  std::string_view view() const { return std::string_view(start_, size_); }
  char* data() { return start_; }

 private:
  std::size_t size_;
  std::size_t length_ = 0;
  char* base_ = nullptr;
  char* start_ = nullptr;
};

#endif  // SMTPCODES_TESTS_GUARD_PAGE_HPP
