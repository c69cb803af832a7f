package io.dittofs.it.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module graph points downward only: protocol adapters depend on the runtime, the runtime on
 * the store SPIs, implementations on their own SPI. Maven's dependencies already forbid most
 * reaches across; these rules catch the rest (a dependency added for one reason and misused for
 * another, a test fixture leaking into main code) and say why in their failure.
 */
class LayeringTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Test fixtures shared as test-jars (protocol-smb's raw clients) are tests too.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.dittofs");
    }

    private static final String[] STORE_IMPLEMENTATIONS = {
        "io.dittofs.store.metadata.memory..",
        "io.dittofs.store.metadata.rocksdb..",
        "io.dittofs.store.metadata.postgres..",
        "io.dittofs.store.block.memory..",
        "io.dittofs.store.block.filesystem..",
        "io.dittofs.store.block.s3..",
    };

    private static void check(ArchRule rule) {
        rule.allowEmptyShould(true).check(main);
    }

    @Test
    void protocolAdaptersNeverTouchAStore() {
        check(noClasses()
                .that()
                .resideInAnyPackage("io.dittofs.nfs..", "io.dittofs.smb..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.dittofs.store..")
                .because("adapters do framing and type conversion; every file operation goes through the runtime"));
    }

    @Test
    void protocolAdaptersNeverDependOnEachOther() {
        check(noClasses()
                .that()
                .resideInAPackage("io.dittofs.nfs..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.dittofs.smb.."));
        check(noClasses()
                .that()
                .resideInAPackage("io.dittofs.smb..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.dittofs.nfs.."));
    }

    @Test
    void theRuntimeKnowsNoProtocolNoNettyAndNoStoreImplementation() {
        check(noClasses()
                .that()
                .resideInAPackage("io.dittofs.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.netty..", "io.dittofs.nfs..", "io.dittofs.smb..", "io.dittofs.server..")
                .because("the runtime is protocol-neutral and transport-free"));
        check(noClasses()
                .that()
                .resideInAPackage("io.dittofs.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(STORE_IMPLEMENTATIONS)
                .because("the runtime sees stores only through their SPIs; the server picks implementations"));
    }

    @Test
    void storesDependOnlyOnTheirOwnSpi() {
        check(noClasses()
                .that()
                .resideInAnyPackage("io.dittofs.store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.dittofs.runtime..", "io.dittofs.server..", "io.dittofs.nfs..", "io.dittofs.smb.."));
        check(noClasses()
                .that()
                .resideInAPackage("io.dittofs.store.metadata..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.dittofs.store.block.."));
        check(noClasses()
                .that()
                .resideInAPackage("io.dittofs.store.block..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.dittofs.store.metadata.."));
    }

    @Test
    void blockStoresSeeOnlyTheBlockSpiAndThePipelineNoStoreImplementation() {
        for (String impl : List.of("memory", "filesystem", "s3")) {
            String own = "io.dittofs.store.block." + impl + "..";
            check(noClasses()
                    .that()
                    .resideInAPackage(own)
                    .should()
                    .dependOnClassesThat(resideInAPackage("io.dittofs..")
                            .and(not(resideInAnyPackage("io.dittofs.store.block", own))))
                    .because("a block store implements the SPI and nothing else; sealing, chunking and caching"
                            + " are decorators in the pipeline"));
        }
        check(noClasses()
                .that()
                .resideInAPackage("io.dittofs.store.block.pipeline..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.dittofs.store.block.memory..",
                        "io.dittofs.store.block.filesystem..",
                        "io.dittofs.store.block.s3..")
                .because("the pipeline works over any remote through the BlockStore SPI"));
    }

    @Test
    void onlyTheServerComposes() {
        check(noClasses()
                .that()
                .resideOutsideOfPackage("io.dittofs.server..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.dittofs.server..")
                .because("the server is the only composition root"));
    }

    @Test
    void cryptoStandsAlone() {
        check(noClasses()
                .that()
                .resideInAPackage("io.dittofs.crypto..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.dittofs.runtime..", "io.dittofs.store..", "io.dittofs.server.."));
    }

    @Test
    void theCliTalksToTheServerOverHttpOnly() {
        check(noClasses()
                .that()
                .resideInAPackage("io.dittofs.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.dittofs.runtime..", "io.dittofs.store..", "io.dittofs.server.."));
    }

    @Test
    void metricsAndTokenLibrariesStayInTheServer() {
        check(noClasses()
                .that()
                .resideOutsideOfPackage("io.dittofs.server..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.micrometer..", "com.nimbusds..")
                .because("adapters report through the runtime's ProtocolMetrics; only the server picks a registry"));
        check(noClasses()
                .that()
                .resideInAPackage("io.dittofs.server.control..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.dittofs.server.api..", "io.netty..")
                .because("the control plane's state and rules know nothing of HTTP"));
    }

    @Test
    void theLoadGeneratorIsAClientOnly() {
        check(classes()
                .that()
                .resideInAPackage("io.dittofs.bench..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "io.dittofs.bench..",
                        // the NFS client classes and the wire types they speak
                        "io.dittofs.nfs.client..",
                        "io.dittofs.nfs.rpc..",
                        "io.dittofs.nfs.xdr..",
                        "io.dittofs.nfs.v3.xdr..",
                        "io.dittofs.nfs.mount..",
                        "com.hierynomus..",
                        "io.netty.buffer..",
                        "picocli..",
                        "org.HdrHistogram..",
                        "com.fasterxml.jackson..",
                        "org.jspecify..",
                        "java..")
                .because("dfsbench measures any server the same way, over the wire: it touches no server, "
                        + "runtime or store code"));
    }

    @Test
    void theArchitectureRulesSeeEveryLayer() {
        org.assertj.core.api.Assertions.assertThat(main.stream().map(c -> c.getPackageName()))
                .as("classes of each layer were imported, so the rules above are not vacuous")
                .anyMatch(p -> p.startsWith("io.dittofs.runtime"))
                .anyMatch(p -> p.startsWith("io.dittofs.store.metadata.memory"))
                .anyMatch(p -> p.startsWith("io.dittofs.store.block.filesystem"))
                .anyMatch(p -> p.startsWith("io.dittofs.store.block.s3"))
                .anyMatch(p -> p.startsWith("io.dittofs.store.block.pipeline.seal"))
                .anyMatch(p -> p.startsWith("io.dittofs.server"))
                .anyMatch(p -> p.startsWith("io.dittofs.crypto"))
                .anyMatch(p -> p.startsWith("io.dittofs.cli"))
                .anyMatch(p -> p.startsWith("io.dittofs.nfs"))
                .anyMatch(p -> p.startsWith("io.dittofs.smb"))
                .anyMatch(p -> p.startsWith("io.dittofs.bench"))
                .anyMatch(p -> p.startsWith("io.dittofs.store.metadata.rocksdb"));
    }
}
