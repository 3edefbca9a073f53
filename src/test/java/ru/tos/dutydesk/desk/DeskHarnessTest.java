package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A test of the desk that starts each test with a fresh {@link DeskHarness} in its own folder and closes it after. */
abstract class DeskHarnessTest {
    @TempDir
    Path dir;
    DeskHarness h;

    @BeforeEach
    void startHarness() {
        h = new DeskHarness(dir);
    }

    @AfterEach
    void closeHarness() {
        h.close();
    }
}
