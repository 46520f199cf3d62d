#pragma once
// Shared set-up for the llm tests: a started scripted server and a profile pointing at it with
// short timeouts and fast retries, so every fault test ends in well under a second or two.
#include <gtest/gtest.h>

#include "llm/profile.h"
#include "support/scriptedllmserver.h"

namespace rs::test {

inline llm::EndpointProfile scriptedProfile(const ScriptedLlmServer& server) {
    llm::EndpointProfile p;
    p.name = "scripted";
    p.baseUrl = server.baseUrl();
    p.model = "test-model";
    p.local = true;
    p.timeouts.connectSeconds = 2;
    p.timeouts.firstByteSeconds = 2;
    p.timeouts.idleSeconds = 2;
    p.timeouts.totalSeconds = 10;
    p.retry.maxRetries = 3;
    p.retry.initialBackoffSeconds = 0.01;
    p.retry.maxBackoffSeconds = 0.05;
    return p;
}

class ScriptedServerTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(server.start()); }
    void TearDown() override { server.stop(); }
    ScriptedLlmServer server;
};

}  // namespace rs::test
