package io.kmslab.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArnsTest {

    @Test
    void anAccountId_isExactlyTwelveAsciiDigits() {
        assertThat(Arns.isAccountId("111122223333")).isTrue();
        assertThat(Arns.isAccountId("11112222333")).isFalse();
        assertThat(Arns.isAccountId("1111222233334")).isFalse();
        assertThat(Arns.isAccountId("11112222333a")).isFalse();
        assertThat(Arns.isAccountId("١١١١٢٢٢٢٣٣٣٣")).as("Arabic-Indic digits").isFalse();
        assertThat(Arns.isAccountId(null)).isFalse();
    }

    @Test
    void iamArns_areFormedAsAwsFormsThem() {
        assertThat(Arns.iamRoot("111122223333")).isEqualTo("arn:aws:iam::111122223333:root");
        assertThat(Arns.iamUser("111122223333", "alice")).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(Arns.iamRole("111122223333", "ops")).isEqualTo("arn:aws:iam::111122223333:role/ops");
        assertThat(Arns.assumedRole("111122223333", "ops", "s1"))
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/ops/s1");
    }

    @Test
    void aRootArn_namesItsAccountOnly_inAnyPartition() {
        assertThat(Arns.isRootOf("arn:aws:iam::111122223333:root", "111122223333")).isTrue();
        assertThat(Arns.isRootOf("arn:aws-cn:iam::111122223333:root", "111122223333")).isTrue();
        assertThat(Arns.isRootOf("arn:aws:iam::444455556666:root", "111122223333")).isFalse();
        assertThat(Arns.isRootOf("arn:aws:iam::1111222233334:root", "111122223333")).isFalse();
        assertThat(Arns.isRootOf("arn:aws:iam::x:111122223333:root", "111122223333")).isFalse();
        assertThat(Arns.isRootOf("arn:aws:iam::111122223333:user/root", "111122223333")).isFalse();
    }

    @Test
    void anAliasArn_isRecognisedByItsShape() {
        assertThat(Arns.isAliasArn("arn:aws:kms:eu-west-2:111122223333:alias/app")).isTrue();
        assertThat(Arns.isAliasArn("arn:aws:kms:eu-west-2:111122223333:key/1234")).isFalse();
        assertThat(Arns.isAliasArn("alias/app")).isFalse();
    }

    @Test
    void parseIam_readsUsersRolesRootsAndSessions_andNothingElse() {
        Arns.IamArn user = Arns.parseIam("arn:aws:iam::111122223333:user/alice").orElseThrow();
        assertThat(user.isAwsIam()).isTrue();
        assertThat(user.account()).isEqualTo("111122223333");
        assertThat(user.userName()).contains("alice");
        assertThat(user.roleName()).isEmpty();

        Arns.IamArn role = Arns.parseIam("arn:aws:iam::111122223333:role/ops").orElseThrow();
        assertThat(role.roleName()).contains("ops");
        assertThat(role.userName()).isEmpty();

        Arns.IamArn session = Arns.parseIam("arn:aws-us-gov:sts::111122223333:assumed-role/ops/s1").orElseThrow();
        assertThat(session.isAwsIam()).isFalse();
        assertThat(session.service()).isEqualTo("sts");
        assertThat(session.resource()).isEqualTo("assumed-role/ops/s1");
        assertThat(session.roleName()).isEmpty();

        assertThat(Arns.parseIam("arn:aws:iam::111122223333:root").orElseThrow().resource()).isEqualTo("root");
        assertThat(Arns.parseIam("arn:aws:iam::111122223333:user/").orElseThrow().userName()).isEmpty();
        assertThat(Arns.parseIam("arn:aws:iam::11112222333:root")).isEmpty();
        assertThat(Arns.parseIam("arn:aws:s3:::bucket")).isEmpty();
        assertThat(Arns.parseIam("arn:aws:kms:eu-west-2:111122223333:key/k")).isEmpty();
    }
}
