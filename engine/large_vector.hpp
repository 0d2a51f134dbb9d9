// SPDX-License-Identifier: MIT
// Vectors for the large per-synapse arrays of network construction. Blocks of 4 MiB and more
// are aligned to 2 MiB and, on Linux, marked for transparent huge pages (MADV_HUGEPAGE: used
// when the system's setting is "madvise" or "always"), so filling them costs one page fault per
// 2 MiB instead of one per 4 KiB; first-touch page faults were the largest single cost of
// building a network of millions of synapses. Smaller blocks come from the ordinary allocator.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace memsnn {

template <class T>
struct LargeAllocator {
    using value_type = T;
    static constexpr std::size_t kHugePage = std::size_t{2} << 20;
    static constexpr std::size_t kThreshold = std::size_t{4} << 20;

    LargeAllocator() = default;
    template <class U>
    LargeAllocator(const LargeAllocator<U>&) {}

    T* allocate(std::size_t n) {
        if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
        const std::size_t bytes = n * sizeof(T);
        if (bytes < kThreshold) return std::allocator<T>().allocate(n);
        void* p = nullptr;
        if (posix_memalign(&p, kHugePage, bytes) != 0) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        // Only whole huge pages inside the block; advice that is refused changes nothing.
        madvise(p, bytes & ~(kHugePage - 1), MADV_HUGEPAGE);
#endif
        return static_cast<T*>(p);
    }
    void deallocate(T* p, std::size_t n) {
        if (n * sizeof(T) < kThreshold)
            std::allocator<T>().deallocate(p, n);
        else
            std::free(p);
    }
    template <class U>
    bool operator==(const LargeAllocator<U>&) const {
        return true;
    }
};

template <class T>
using LargeVector = std::vector<T, LargeAllocator<T>>;

}  // namespace memsnn
