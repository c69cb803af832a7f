package io.dittofs.it.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Linux kernel installed on the host (Debian's {@code linux-image-amd64}) that the guest boots:
 * its image in {@code /boot} and its modules in {@code /lib/modules/<version>}.
 *
 * @param version the release string, as {@code uname -r} prints it in the guest
 * @param image the bootable image, {@code /boot/vmlinuz-<version>}
 * @param modulesDir {@code /lib/modules/<version>}, holding {@code modules.dep}
 */
public record GuestKernel(String version, Path image, Path modulesDir) {

    private static final String IMAGE_PREFIX = "vmlinuz-";

    /**
     * Kernels that have both an image in {@code bootDir} and a module tree with a {@code
     * modules.dep} under {@code modulesRoot}, newest first.
     */
    public static List<GuestKernel> installed(Path bootDir, Path modulesRoot) throws IOException {
        if (!Files.isDirectory(bootDir)) {
            return List.of();
        }
        List<GuestKernel> kernels = new ArrayList<>();
        try (Stream<Path> images = Files.list(bootDir)) {
            for (Path image : images.toList()) {
                String name = image.getFileName().toString();
                if (!name.startsWith(IMAGE_PREFIX) || !Files.isRegularFile(image)) {
                    continue;
                }
                String version = name.substring(IMAGE_PREFIX.length());
                Path modulesDir = modulesRoot.resolve(version);
                if (Files.isRegularFile(modulesDir.resolve("modules.dep"))) {
                    kernels.add(new GuestKernel(version, image, modulesDir));
                }
            }
        }
        kernels.sort(Comparator.comparing(GuestKernel::version, GuestKernel::compareVersions)
                .reversed());
        return kernels;
    }

    /** Compares release strings by their numeric runs, so {@code 6.1.0-10} sorts after {@code 6.1.0-9}. */
    static int compareVersions(String a, String b) {
        String[] left = a.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        String[] right = b.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int order = comparePart(left[i], right[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    private static int comparePart(String a, String b) {
        boolean numeric =
                !a.isEmpty() && !b.isEmpty() && Character.isDigit(a.charAt(0)) && Character.isDigit(b.charAt(0));
        if (numeric) {
            int byLength = Integer.compare(
                    a.replaceFirst("^0+", "").length(),
                    b.replaceFirst("^0+", "").length());
            return byLength != 0 ? byLength : a.replaceFirst("^0+", "").compareTo(b.replaceFirst("^0+", ""));
        }
        return a.compareTo(b);
    }
}
