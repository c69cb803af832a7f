package io.dittofs.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTest {
    @Test
    void parsesEachScheme() {
        Target nfs = Target.parse("nfs3://127.0.0.1:12049/export?mountport=12048&uid=1000#ganesha");
        assertThat(nfs.protocol()).isEqualTo(Target.Protocol.NFS3);
        assertThat(nfs.port()).isEqualTo(12049);
        assertThat(nfs.path()).isEqualTo("/export");
        assertThat(nfs.intParam("mountport", 0)).isEqualTo(12048);
        assertThat(nfs.intParam("gid", 7)).isEqualTo(7);
        assertThat(nfs.label()).isEqualTo("ganesha");

        Target smb = Target.parse("smb3://alice:s%40cret@host/export");
        assertThat(smb.protocol()).isEqualTo(Target.Protocol.SMB3);
        assertThat(smb.port()).isEqualTo(445);
        assertThat(smb.user()).isEqualTo("alice");
        assertThat(smb.password()).isEqualTo("s@cret");
        assertThat(smb.share()).isEqualTo("export");
        assertThat(smb.label()).as("no password in the label").isEqualTo("smb3://alice@host:445/export");

        assertThat(Target.parse("nfs41://h/a/b").path()).isEqualTo("/a/b");
        assertThat(Target.parse("nfs41://h/a#Ganesha NFSv4.1").label()).isEqualTo("Ganesha NFSv4.1");
    }

    @Test
    void rejectsWhatItCannotMeasure() {
        assertThatThrownBy(() -> Target.parse("ftp://h/x")).hasMessageContaining("unknown scheme");
        assertThatThrownBy(() -> Target.parse("smb3://u:p@h/")).hasMessageContaining("one share");
        assertThatThrownBy(() -> Target.parse("nfs3:///x")).hasMessageContaining("no host");
    }
}
