#pragma once

#include <string>
#include <utility>
#include <variant>

namespace Stepwise::Sim {

// A runtime failure as AWS reports it: an error name (e.g. "States.Runtime") and a cause.
// For failures AWS words as "An error occurred while executing the state 'X' (entered at the
// event id #N). <detail>", the cause holds only <detail>: the engine knows the state and event
// and adds the prefix.
struct Failure
{
    std::string error;
    std::string cause;
    // A task failed without an error or cause (SendTaskFailure with neither): the history
    // omits them and a Catch sees them as null.
    bool errorIsNull = false;
    bool causeIsNull = false;
    // The field a JSONata evaluation failed in ("Output/result"), as EvaluationFailed names
    // it; empty when the failure is not one field's.
    std::string location;
};

// Either a value or a Failure: what evaluating an expression at run time yields.
template<typename T>
class Outcome
{
  public:
    Outcome(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {}
    Outcome(Failure failure)
        : m_data(std::in_place_index<1>, std::move(failure))
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const Failure &failure() const { return std::get<1>(m_data); }
    Failure &&takeFailure() { return std::get<1>(std::move(m_data)); }

  private:
    std::variant<T, Failure> m_data;
};

} // namespace Stepwise::Sim
