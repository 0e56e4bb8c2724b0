package org.opentalks.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentalks.contract.ErrorKind;

class DriverRefTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bank://lively          | bank://lively",
        "bank://lively/         | bank://lively",
        "bank://subtle          | bank://subtle",
        "bank://natural/        | bank://natural",
        "bank://lively/driver-03 | bank://lively/driver-03",
        "bank://lively/driver-03/ | bank://lively/driver-03",
        "bank://lively/driver-03/flipped | bank://lively/driver-03/flipped",
        "bank://natural/driver-04/original | bank://natural/driver-04/original",
        "' BANK://Lively/Driver-6/Flipped ' | bank://lively/driver-06/flipped",
    })
    void parsesGoodUrlsToTheirCanonicalForm(String url, String canonical) {
        assertEquals(canonical, DriverRef.parse(url).url());
    }

    @Test
    void partsLeftOutStayOpen() {
        DriverRef family = DriverRef.parse("bank://subtle/");
        assertEquals(DriverFamily.SUBTLE, family.family());
        assertFalse(family.hasDriver());
        assertNull(family.variant());

        DriverRef driver = DriverRef.parse("bank://lively/driver-03");
        assertEquals(3, driver.driver());
        assertFalse(driver.hasVariant());
        assertFalse(driver.isResolved());

        DriverRef full = DriverRef.parse("bank://lively/driver-03/flipped");
        assertEquals(new DriverRef(DriverFamily.LIVELY, 3, DriverVariant.FLIPPED), full);
        assertTrue(full.isResolved());
    }

    @Test
    void nullOrBlankIsTheDefaultLivelyBank() {
        assertEquals(DriverRef.DEFAULT, DriverRef.parse(null));
        assertEquals(DriverRef.DEFAULT, DriverRef.parse("  "));
        assertEquals("bank://lively", DriverRef.DEFAULT.url());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bank://foo | Unknown driver bank 'foo': use bank://lively, bank://subtle or bank://natural",
        "bank://                          | Unknown driver bank ''",
        "bank://lively/driver-07          | Unknown driver 'driver-07' in bank://lively: it has driver-01 to driver-06",
        "bank://subtle/driver-05          | Unknown driver 'driver-05' in bank://subtle: it has driver-01 to driver-04",
        "bank://lively/driver-00          | Unknown driver 'driver-00'",
        "bank://lively/driver-x           | Unknown driver 'driver-x'",
        "bank://lively/somebody           | Unknown driver 'somebody'",
        "bank://lively/driver-03/sideways | Unknown driver variant 'sideways' in bank://lively/driver-03: use original",
        "bank://lively/driver-03/flipped/x | Malformed driver_url",
        "https://example.com/driver.mp4   | Unsupported driver_url 'https://example.com/driver.mp4'",
        "lively                           | Unsupported driver_url 'lively'",
    })
    void rejectsWhatTheBankDoesNotHaveWithAReadableMessage(String url, String message) {
        UnknownDriverException e = assertThrows(UnknownDriverException.class, () -> DriverRef.parse(url));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertEquals(ErrorKind.DriverError, e.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bank://lively//", "bank://lively//flipped"})
    void rejectsEmptyParts(String url) {
        assertThrows(UnknownDriverException.class, () -> DriverRef.parse(url));
    }

    @Test
    void aVariantNeedsADriver() {
        assertThrows(IllegalArgumentException.class,
                () -> new DriverRef(DriverFamily.LIVELY, 0, DriverVariant.FLIPPED));
    }
}
