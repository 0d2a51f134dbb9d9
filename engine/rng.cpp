// SPDX-License-Identifier: MIT
#include "engine/rng.hpp"

namespace memsnn {

namespace {

constexpr std::uint32_t kMul0 = 0xD2511F53u;
constexpr std::uint32_t kMul1 = 0xCD9E8D57u;
constexpr std::uint32_t kWeyl0 = 0x9E3779B9u;
constexpr std::uint32_t kWeyl1 = 0xBB67AE85u;

__extension__ typedef unsigned __int128 uint128;

inline void mulhilo(std::uint32_t a, std::uint32_t b, std::uint32_t& hi, std::uint32_t& lo) {
    const std::uint64_t product = static_cast<std::uint64_t>(a) * b;
    hi = static_cast<std::uint32_t>(product >> 32);
    lo = static_cast<std::uint32_t>(product);
}

}  // namespace

PhiloxCounter philox4x32_10(PhiloxCounter ctr, PhiloxKey key) {
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            key[0] += kWeyl0;
            key[1] += kWeyl1;
        }
        std::uint32_t hi0, lo0, hi1, lo1;
        mulhilo(kMul0, ctr[0], hi0, lo0);
        mulhilo(kMul1, ctr[2], hi1, lo1);
        ctr = {hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0};
    }
    return ctr;
}

void RandomStream::refill() {
    const PhiloxCounter out = philox4x32_10({counter_, domain_, static_cast<std::uint32_t>(object_),
                                             static_cast<std::uint32_t>(object_ >> 32)},
                                            key_);
    ++counter_;
    block_[0] = (static_cast<std::uint64_t>(out[1]) << 32) | out[0];
    block_[1] = (static_cast<std::uint64_t>(out[3]) << 32) | out[2];
    used_ = 0;
}

std::uint64_t RandomStream::below(std::uint64_t n) {
    uint128 m = static_cast<uint128>(next_u64()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            m = static_cast<uint128>(next_u64()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

}  // namespace memsnn
