#pragma once
// Errors as values. Nothing in core/ throws across a module boundary: functions that can fail
// return Status (no value) or Result<T> (a value or an error message). Messages name the file,
// line and field or the request that failed, so they can be shown to a user as they are.
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace rs::util {

class Status {
public:
    Status() = default;  // OK
    static Status ok() { return {}; }
    static Status error(std::string message) {
        Status s;
        s.error_ = std::move(message);
        return s;
    }

    bool isOk() const { return !error_.has_value(); }
    explicit operator bool() const { return isOk(); }
    const std::string& message() const {
        static const std::string none;
        return error_ ? *error_ : none;
    }

private:
    std::optional<std::string> error_;
};

struct Error {
    std::string message;
};

template <class T>
class Result {
public:
    Result(T value) : v_(std::move(value)) {}            // NOLINT(google-explicit-constructor)
    Result(Error e) : v_(std::move(e)) {}                // NOLINT(google-explicit-constructor)
    Result(const Status& s) : v_(Error{s.message()}) {}  // only for failed statuses

    bool isOk() const { return std::holds_alternative<T>(v_); }
    explicit operator bool() const { return isOk(); }

    T& value() & { return std::get<T>(v_); }
    const T& value() const& { return std::get<T>(v_); }
    T&& value() && { return std::get<T>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const std::string& message() const {
        static const std::string none;
        return isOk() ? none : std::get<Error>(v_).message;
    }
    Status status() const { return isOk() ? Status::ok() : Status::error(message()); }

private:
    std::variant<T, Error> v_;
};

}  // namespace rs::util
