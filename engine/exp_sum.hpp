// SPDX-License-Identifier: MIT
// Sums of decaying exponentials, f(t) = c0 + sum_k c_k exp(-lambda_k t), and their first
// upward zero crossing. This is the membrane of a LIF neuron with exponential synaptic currents
// under constant drive, so exact threshold prediction reduces to it.
//
// Method: the critical points of f are the zeros of f', and exp(lambda_min t) f'(t) is again a
// sum of exponentials with one term fewer, so recursion gives every monotone interval of f.
// On the first interval where f goes from < 0 to >= 0 the crossing is bracketed and bisected
// to the last representable double. Multiplying by the slowest rate keeps every exponent
// negative, so nothing overflows.
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <stdexcept>

namespace memsnn {

// Up to N doubles stored inline: the root search runs after every synaptic input of a LIF
// neuron with exponential currents, and heap allocation there cost ~10 % of such runs.
template <std::size_t N>
class SmallVector {
  public:
    SmallVector() = default;
    SmallVector(std::initializer_list<double> values) {
        for (const double v : values) push_back(v);
    }
    SmallVector& operator=(std::initializer_list<double> values) {
        size_ = 0;
        for (const double v : values) push_back(v);
        return *this;
    }
    void push_back(double v) {
        if (size_ == N) throw std::length_error("SmallVector: more than its capacity");
        data_[size_++] = v;
    }
    void pop_back() { --size_; }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    double& operator[](std::size_t k) { return data_[k]; }
    double operator[](std::size_t k) const { return data_[k]; }
    const double* begin() const { return data_.data(); }
    const double* end() const { return data_.data() + size_; }

  private:
    std::array<double, N> data_{};
    std::size_t size_ = 0;
};

struct ExpSum {
    static constexpr std::size_t kMaxTerms = 8;
    double c0 = 0;
    SmallVector<kMaxTerms> c;       // coefficients
    SmallVector<kMaxTerms> lambda;  // rates (1/ms), all > 0 and distinct

    double operator()(double t) const;
};

// Smallest t in (0, infinity) with f(t) >= 0, given f(0) < 0; +infinity if f stays below 0.
double first_upward_crossing(const ExpSum& f);

// An upper bound on f over [0, h]: the lesser of c0 + sum max(c_k, c_k e^{-lambda_k h}) (each
// term at its largest) and f(0) + h max(0, sup f'), with f' bounded termwise the same way.
// One exp per term: far cheaper than the crossing search it lets a caller skip.
double upper_bound_on(const ExpSum& f, double h);

}  // namespace memsnn
