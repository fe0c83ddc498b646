package se.npprod.privacy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.npprod.privacy.local.cloud.Template;
import se.npprod.privacy.local.emulators.RepoRoot;

/** The schedules read from a template: SAM's ScheduleV2 events and AWS::Scheduler::Schedule resources. */
class SchedulesTest {
  @TempDir
  Path dir;

  private List<Schedule> read(String resources) throws IOException {
    Path file = dir.resolve("template.yaml");
    Files.writeString(file, """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Zone:
            Type: String
        Resources:
        """ + resources.indent(2));
    return Schedules.from(Template.load(file), ref -> ref.equals("Zone") ? "Europe/Stockholm" : ref);
  }

  @Test
  void theRealTemplatesFollowUpRunsHourlyInUtc() {
    List<Schedule> schedules = Schedules.from(Template.load(RepoRoot.find().resolve("template.yaml")), ref -> ref);

    assertThat(schedules).filteredOn(s -> s.functionId().equals("FollowUpFunction")).singleElement().satisfies(s -> {
      assertThat(s.id()).isEqualTo("FollowUpFunction.Hourly");
      assertThat(s.expression()).isEqualTo("rate(1 hour)");
      assertThat(s.name()).as("SAM's default name").isEqualTo("FollowUpFunctionHourly");
      assertThat(s.enabled()).isTrue();
      assertThat(s.input()).isNull();
    });
  }

  @Test
  void aScheduleV2EventGivesItsExpressionZoneInputStateAndDates() throws IOException {
    List<Schedule> schedules = read("""
        RetentionFunction:
          Type: AWS::Serverless::Function
          Properties:
            Handler: x.Y::handleRequest
            Events:
              Daily:
                Type: ScheduleV2
                Properties:
                  ScheduleExpression: cron(15 2 * * ? *)
                  ScheduleExpressionTimezone: !Ref Zone
                  Input: '{"job":"retention"}'
                  StartDate: '2026-02-01T00:00:00.000Z'
                  EndDate: '2030-01-01T00:00:00'
                  FlexibleTimeWindow:
                    Mode: FLEXIBLE
                    MaximumWindowInMinutes: 15
                  Name: nightly-retention
                  GroupName: privacy
              Paused:
                Type: ScheduleV2
                Properties:
                  ScheduleExpression: rate(7 days)
                  State: DISABLED
        """);

    assertThat(schedules).hasSize(2);
    Schedule daily = schedules.get(0);
    assertThat(daily.id()).isEqualTo("RetentionFunction.Daily");
    assertThat(daily.zone()).isEqualTo(ZoneId.of("Europe/Stockholm"));
    assertThat(daily.input()).isEqualTo("{\"job\":\"retention\"}");
    assertThat(daily.startDate()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    assertThat(daily.endDate()).as("a date without an offset is UTC").isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(daily.flexibleWindow()).isEqualTo(Duration.ofMinutes(15));
    assertThat(daily.arn()).isEqualTo("arn:aws:scheduler:eu-north-1:000000000000:schedule/privacy/nightly-retention");
    assertThat(daily.describe()).isEqualTo("cron(15 2 * * ? *) Europe/Stockholm");
    Schedule paused = schedules.get(1);
    assertThat(paused.enabled()).isFalse();
    assertThat(paused.zone().normalized()).as("UTC unless given").isEqualTo(java.time.ZoneOffset.UTC);
    assertThat(paused.arn()).endsWith(":schedule/default/RetentionFunctionPaused");
  }

  @Test
  void aSchedulerScheduleResourceTargetingAFunctionIsRead() throws IOException {
    List<Schedule> schedules = read("""
        RetentionFunction:
          Type: AWS::Serverless::Function
          Properties:
            Handler: x.Y::handleRequest
        Queue:
          Type: AWS::SQS::Queue
        NightlyRetention:
          Type: AWS::Scheduler::Schedule
          Properties:
            ScheduleExpression: at(2026-12-24T15:00:00)
            ScheduleExpressionTimezone: Europe/Stockholm
            FlexibleTimeWindow:
              Mode: 'OFF'
            Target:
              Arn: !GetAtt RetentionFunction.Arn
              RoleArn: arn:aws:iam::000000000000:role/scheduler
              Input: '{"job":"retention"}'
        ToAQueue:
          Type: AWS::Scheduler::Schedule
          Properties:
            ScheduleExpression: rate(1 hour)
            FlexibleTimeWindow:
              Mode: 'OFF'
            Target:
              Arn: !GetAtt Queue.Arn
              RoleArn: arn:aws:iam::000000000000:role/scheduler
        """);

    assertThat(schedules).as("the queue's schedule is not played").singleElement().satisfies(s -> {
      assertThat(s.id()).isEqualTo("NightlyRetention");
      assertThat(s.functionId()).isEqualTo("RetentionFunction");
      assertThat(s.input()).isEqualTo("{\"job\":\"retention\"}");
      assertThat(s.flexibleWindow()).isZero();
    });
  }

  @Test
  void aScheduleTheSchedulerWouldRefuseStopsTheStart() {
    String function = """
        RetentionFunction:
          Type: AWS::Serverless::Function
          Properties:
            Handler: x.Y::handleRequest
            Events:
              Daily:
                Type: ScheduleV2
                Properties:
        """;

    assertThatThrownBy(() -> read(function + "          ScheduleExpression: cron(15 2 * * *)\n"))
        .hasMessageContaining("RetentionFunction.Daily").hasMessageContaining("six");
    assertThatThrownBy(() -> read(function + "          ScheduleExpression: rate(1 hour)\n"
        + "          ScheduleExpressionTimezone: Mars/Olympus\n")).hasMessageContaining("no time zone");
    assertThatThrownBy(() -> read(function + "          ScheduleExpression: rate(1 hour)\n"
        + "          Input: '{job: retention}'\n")).hasMessageContaining("not well-formed JSON");
  }

  @Test
  void contextAttributesInTheInputNeedNotBeQuoted() throws IOException {
    List<Schedule> schedules = read("""
        RetentionFunction:
          Type: AWS::Serverless::Function
          Properties:
            Handler: x.Y::handleRequest
            Events:
              Daily:
                Type: ScheduleV2
                Properties:
                  ScheduleExpression: rate(1 day)
                  Input: '{"attempt": <aws.scheduler.attempt-number>}'
        """);

    assertThat(schedules).hasSize(1);
  }
}
