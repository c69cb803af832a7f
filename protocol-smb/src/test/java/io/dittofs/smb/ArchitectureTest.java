package io.dittofs.smb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The adapter's shape, enforced: no store access, and only the transport names Netty's channel API. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dittofs.smb");

    @Test
    void theAdapterNeverTouchesAStore() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.dittofs.store..")
                .check(MAIN);
    }

    @Test
    void onlyTheTransportAndTheAdapterUseNettyChannels() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.dittofs.smb.transport..")
                .and()
                .haveNameNotMatching("io\\.dittofs\\.smb\\.SmbAdapter(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.netty.channel..")
                .check(MAIN);
    }

    @Test
    void handlersDoNotReachIntoTheRuntimeImplementation() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .haveSimpleName("PosixFileSystem")
                .check(MAIN);
    }
}
