package se.npprod.privacy.local;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import se.npprod.privacy.aws.AwsClients;
import se.npprod.privacy.local.testfunctions.MailRecorderHandler;

/**
 * Lays out the test mail function's deployment package as Lambda unpacks one: its classes at the
 * task root and, in lib/, the jars it needs (the AWS SDK, reached through functions/aws), taken
 * from this test's own classpath. The runtime loads the task root and every jar in its lib/.
 */
final class MailFunctionCode {
  private static final Pattern NEEDED = Pattern.compile(
      ".*/(software/amazon/awssdk|org/reactivestreams|org/slf4j/slf4j-api)/.*\\.jar");

  private MailFunctionCode() {}

  static Path layOut(Path taskRoot) throws IOException {
    delete(taskRoot);
    Path lib = Files.createDirectories(taskRoot.resolve("lib"));
    copyPackage(codeSource(MailRecorderHandler.class), "se/npprod/privacy/local/testfunctions", taskRoot, lib);
    copyPackage(codeSource(AwsClients.class), "se/npprod/privacy/aws", taskRoot, lib);
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : classpath.split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      Path link = lib.resolve(jar.getFileName());
      if (NEEDED.matcher(entry.replace(File.separatorChar, '/')).matches() && !Files.exists(link)) {
        Files.createSymbolicLink(link, jar.toAbsolutePath());
      }
    }
    return taskRoot;
  }

  /** A package's classes, from a folder of classes (copied) or a jar (linked into lib/ whole). */
  private static void copyPackage(Path source, String pkg, Path taskRoot, Path lib) throws IOException {
    if (!Files.isDirectory(source)) {
      Files.createSymbolicLink(lib.resolve(source.getFileName()), source.toAbsolutePath());
      return;
    }
    Path from = source.resolve(pkg);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path to = taskRoot.resolve(pkg).resolve(from.relativize(file).toString());
        Files.createDirectories(to.getParent());
        Files.copy(file, to);
      }
    }
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
