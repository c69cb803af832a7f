package io.dittofs.nfs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The adapter's dependency rules (STYLE.md "Our shape"). */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dittofs.nfs");

    @Test
    void theAdapterNeverTouchesAStore() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.dittofs.store..")
                .check(MAIN);
    }

    @Test
    void theAdapterNeverReachesIntoTheRuntimesInternals() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.dittofs.runtime.content..", "io.dittofs.runtime..internal..")
                .check(MAIN);
    }

    @Test
    void nfsNeverDependsOnAnotherProtocolOrTheDaemon() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.dittofs.smb..", "io.dittofs.server..")
                .check(MAIN);
    }

    @Test
    void handlersDoNotNameTheTransport() {
        noClasses()
                .that()
                .resideInAnyPackage("io.dittofs.nfs.v3", "io.dittofs.nfs.mount", "io.dittofs.nfs.nlm")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.netty.channel..", "io.netty.bootstrap..")
                .check(MAIN);
    }
}
