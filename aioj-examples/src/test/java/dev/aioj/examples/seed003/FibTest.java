package dev.aioj.examples.seed003;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The seed's fib for every n its int(msg) accepts, and Python's int() on bytes. */
class FibTest {

    private static String answer(String request) {
        return Fib.answer(request.getBytes(US_ASCII), FibLimits.DEFAULT.startNow());
    }

    @Test
    void fastDoublingGivesTheSeedsRecursionsNumbersWhereBothCanRun() {
        for (int n = 0; n <= 40; n++) {
            assertThat(Fib.fast(n)).as("fib(%d)", n).isEqualTo(BigInteger.valueOf(Fib.slow(n, Long.MAX_VALUE)));
        }
    }

    @Test
    void answersAcrossTheSlowAndFastRangesAndBeyondSixtyFourBits() {
        assertThat(answer("42")).isEqualTo("433494437");
        assertThat(answer(Integer.toString(Fib.SLOW_UP_TO + 1))).isEqualTo("2971215073");
        assertThat(answer("91")).isEqualTo("7540113804746346429"); // the last that fits a long
        assertThat(answer("92")).isEqualTo("12200160415121876738");
        assertThat(answer("299")).isEqualTo(
                "222232244629420445529739893461909967206666939096499764990979600");
    }

    @Test
    void theLargestAnswersFitOneDatagramAndOneMoreDigitIsRefused() {
        String largest = answer("313000");
        assertThat(largest).hasSizeLessThanOrEqualTo(Fib.MAX_DIGITS).matches("[0-9]+");
        assertThat(answer("314000")).startsWith("error: fib(314000) has more than 65507 digits");
        assertThat(answer("99999999999999999999999")).startsWith("error: fib(99999999999999999999999) has more");
    }

    @Test
    void theDigitCountIsExactAtTheDatagramLimit() {
        for (int n : new int[] {0, 1, 5, 90, 91, 92, 300, 1000, 313_000}) {
            assertThat(Fib.digits(n)).as("digits of fib(%d)", n).isEqualTo(Fib.fast(n).toString().length());
        }
        int last = 0;
        while (Fib.digits(last + 1) <= Fib.MAX_DIGITS) {
            last++;
        }
        assertThat(Fib.fast(last).toString()).hasSize((int) Fib.digits(last)).hasSizeLessThanOrEqualTo(Fib.MAX_DIGITS);
        assertThat(Fib.fast(last + 1).toString()).hasSizeGreaterThan(Fib.MAX_DIGITS);
    }

    @Test
    void pythonsIntAcceptsWhitespaceSignsAndUnderscoresBetweenDigits() {
        assertThat(PythonInt.parse(" \t42\r\n".getBytes(US_ASCII))).isEqualTo(BigInteger.valueOf(42));
        assertThat(PythonInt.parse("+7".getBytes(US_ASCII))).isEqualTo(BigInteger.valueOf(7));
        assertThat(PythonInt.parse("-0_0_7".getBytes(US_ASCII))).isEqualTo(BigInteger.valueOf(-7));
        assertThat(PythonInt.parse("1_000".getBytes(US_ASCII))).isEqualTo(BigInteger.valueOf(1000));
        assertThat(PythonInt.parse("007".getBytes(US_ASCII))).isEqualTo(BigInteger.valueOf(7));
    }

    @Test
    void pythonsIntRefusesWhatPythonRefusesWithPythonsMessage() {
        for (String bad : new String[] {"", " ", "ten", "1_", "_1", "1__0", "+", "-", "4 2", "0x10", "1.5", "١"}) {
            byte[] bytes = bad.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThatThrownBy(() -> PythonInt.parse(bytes)).as(bad)
                    .isInstanceOf(NumberFormatException.class)
                    .hasMessageStartingWith("invalid literal for int() with base 10: b");
        }
        assertThat(answer("4 2")).isEqualTo("error: invalid literal for int() with base 10: b'4 2'");
    }

    @Test
    void aPassedDeadlineStopsTheSlowRecursion() {
        long past = System.nanoTime() - 1;
        assertThatThrownBy(() -> Fib.slow(30, past)).isInstanceOf(Fib.GaveUp.class);
        assertThat(Fib.answer("30".getBytes(US_ASCII), new FibLimits.Deadline(past, 7)))
                .isEqualTo("error: fib(30) gave up after 7 s");
        assertThat(Fib.slow(24, past)).isEqualTo(75025); // below the checked range: never looks at the clock
    }
}
