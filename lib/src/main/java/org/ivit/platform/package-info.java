/**
 * What the process runs on and how the native math is set up: the CPU's vendor, whether the MKL
 * vendor shim is preloaded (environment/native-env), the compute device a run must have, and the
 * loader's thread count. Read from the process itself (/proc), so run records say what really ran.
 */
package org.ivit.platform;
