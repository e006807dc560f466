/**
 * The jconntrack API: the {@link io.jconntrack.api.ConntrackService}, the cleanup and zone services, and the
 * immutable values they take and return.
 *
 * <p>The package version below is the one exported in the bundle's manifest (bnd reads it). Interfaces only the
 * jconntrack implementation implements are {@code @ProviderType}: a bundle implementing them imports the package
 * up to the next minor version, so a minor version may add methods to them. {@link io.jconntrack.api.EventListener}
 * (with its {@link io.jconntrack.api.ConntrackListener} and {@link io.jconntrack.api.ExpectationListener}) is
 * implemented by its users and is {@code @ConsumerType}: adding an abstract method to it is a major change. The
 * other types are records, enums, final classes and two exceptions, which users do not implement.
 */
@Version("0.5.0")
package io.jconntrack.api;

import org.osgi.annotation.versioning.Version;
