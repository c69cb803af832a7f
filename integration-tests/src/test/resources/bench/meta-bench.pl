#!/usr/bin/perl
# Metadata workload of KernelFioBench, run in the guest against a mounted share:
#   meta-bench.pl DIR COUNT
# creates COUNT empty files in DIR/meta (open O_CREAT + close), drops the guest's caches, stats
# every file (so each stat goes to the server), then removes every file, one process, no execs.
# Prints one line: create=<files/s> stat=<files/s> remove=<files/s>
use strict;
use warnings;
use Time::HiRes qw(time);

my ($dir, $count) = @ARGV;
die "usage: $0 DIR COUNT\n" unless defined $count;
my $d = "$dir/meta";
mkdir $d or die "mkdir $d: $!\n";

sub drop_caches {
    system('sync') == 0 or die "sync failed\n";
    open(my $f, '>', '/proc/sys/vm/drop_caches') or die "drop_caches: $!\n";
    print $f "3\n";
    close $f;
}

my $t0 = time;
for my $i (1 .. $count) {
    open(my $f, '>', "$d/f$i") or die "create $d/f$i: $!\n";
    close $f or die "close $d/f$i: $!\n";
}
my $create = time - $t0;

drop_caches();
$t0 = time;
for my $i (1 .. $count) {
    my @st = stat("$d/f$i") or die "stat $d/f$i: $!\n";
}
my $stat = time - $t0;

$t0 = time;
for my $i (1 .. $count) {
    unlink("$d/f$i") or die "unlink $d/f$i: $!\n";
}
my $remove = time - $t0;
rmdir $d or die "rmdir $d: $!\n";

printf "create=%.1f stat=%.1f remove=%.1f\n", $count / $create, $count / $stat, $count / $remove;
