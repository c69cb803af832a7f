/** The README's quickstart, run as written. */
package io.dittofs.it.quickstart;
