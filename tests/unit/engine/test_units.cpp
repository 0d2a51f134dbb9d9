// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "engine/units.hpp"

using namespace memsnn;

namespace {

Quantity parse(const char* text) {
    std::string error;
    const auto q = parse_quantity(text, error);
    REQUIRE_MESSAGE(q.has_value(), error);
    return *q;
}

bool rejects(const char* text) {
    std::string error;
    return !parse_quantity(text, error).has_value() && !error.empty();
}

}  // namespace

TEST_CASE("quantities convert to the internal units") {
    CHECK(parse("20 ms").dim == Dim::time);
    CHECK(parse("20 ms").value == doctest::Approx(20).epsilon(1e-15));
    CHECK(parse("1 s").value == doctest::Approx(1000));
    CHECK(parse("500 ns").value == doctest::Approx(5e-4));
    CHECK(parse("-70 mV").value == doctest::Approx(-70));
    CHECK(parse("0.1 V").value == doctest::Approx(100));
    CHECK(parse("1.5 uS").value == doctest::Approx(1.5));
    CHECK(parse("10 nS").value == doctest::Approx(0.01));
    CHECK(parse("100 kOhm").value == doctest::Approx(0.1));
    CHECK(parse("100 kOhm").dim == Dim::resistance);
    CHECK(parse("2 nF").value == doctest::Approx(2));
    CHECK(parse("200 pF").value == doctest::Approx(0.2));
    CHECK(parse("1 nA").value == doctest::Approx(1));
    CHECK(parse("1 uA").value == doctest::Approx(1000));
    CHECK(parse("10 Hz").value == doctest::Approx(10));
    CHECK(parse("1 kHz").value == doctest::Approx(1000));
    CHECK(parse("10 uA/cm2").dim == Dim::current_density);
    CHECK(parse("10 uA/cm2").value == doctest::Approx(10));
    CHECK(parse("120 mS/cm2").value == doctest::Approx(120));
    CHECK(parse("1 uF/cm2").value == doctest::Approx(1));
    CHECK(parse("1e-3 s").value == doctest::Approx(1));
    CHECK(parse("5ms").value == doctest::Approx(5));
    CHECK(parse("  +3 mV ").value == doctest::Approx(3));
    CHECK(parse("3 \xC2\xB5S").value == doctest::Approx(3));  // µS
    CHECK(parse("1 MOhm").value == doctest::Approx(1));
    CHECK(parse("1 uWb").value == doctest::Approx(1));  // 1 uV s = 1 mV ms
    CHECK(parse("1 uWb").dim == Dim::flux);
    CHECK(parse("300 K").value == doctest::Approx(300));
    CHECK(parse("1 eV").value == doctest::Approx(1.602176634e-4));  // fJ
    CHECK(parse("1 eV").dim == Dim::energy);
}

TEST_CASE("mV = nA * MOhm and ms = MOhm * nF hold in the internal units") {
    const double mV = parse("1 nA").value * parse("1 MOhm").value;
    CHECK(mV == doctest::Approx(parse("1 mV").value));
    CHECK(parse("1 MOhm").value * parse("1 nF").value == doctest::Approx(parse("1 ms").value));
    CHECK(parse("1 uS").value * parse("1 mV").value == doctest::Approx(parse("1 nA").value));
}

TEST_CASE("bad quantities are rejected with a reason") {
    CHECK(rejects("20"));
    CHECK(rejects("ms"));
    CHECK(rejects("20 parsecs"));
    CHECK(rejects("20 mms"));
    CHECK(rejects(""));
    CHECK(rejects("nan ms"));
    CHECK(rejects("inf ms"));
    CHECK(rejects("+-1 mV"));
}

TEST_CASE("a value in the internal unit's own scale is read exactly, without rounding") {
    std::string error;
    // Prefix and base combine to one power of ten, applied once: 9 nA is 9, not 9 * 1e-9 * 1e9.
    for (const char* text : {"9 nA", "0.1 ms", "2.5 uS", "-65 mV", "0.3 nF", "7 fJ"}) {
        INFO(text);
        const auto q = parse_quantity(text, error);
        REQUIRE(q);
        CHECK(q->value == std::stod(text));
    }
    CHECK(parse_quantity("1.5 s", error)->value == 1500);
    CHECK(parse_quantity("0.001 s", error)->value == 1);
    CHECK(parse_quantity("20 kOhm", error)->value == 0.02);
    CHECK(parse_quantity("1 eV", error)->value == doctest::Approx(1.602176634e-4).epsilon(1e-15));
}
