/** dfsctl, the real command line, driven against the real daemon. */
package io.dittofs.it.cli;
