# SPDX-License-Identifier: GPL-2.0-or-later
"""The radvd configuration test_ndp_solicit.py and test_ndp_listen_tools.py
run radvd with: every option radvd 2.19 sends, with infinite and
unspecified values."""

# infinite and unspecified values too: rdisc6 words them
CONF = """interface %(ifname)s {
    AdvSendAdvert on;
    MinRtrAdvInterval 30;
    MaxRtrAdvInterval 100;
    AdvManagedFlag on;
    AdvOtherConfigFlag off;
    AdvHomeAgentFlag on;
    AdvHomeAgentInfo on;
    HomeAgentPreference 7;
    HomeAgentLifetime 900;
    AdvIntervalOpt on;
    AdvLinkMTU 1450;
    AdvCurHopLimit 33;
    AdvDefaultLifetime 1500;
    AdvReachableTime 0;
    AdvRetransTimer 750;
    AdvDefaultPreference low;
    AdvSourceLLAddress on;
    prefix 2001:db8:a::/64 {
        AdvOnLink on;
        AdvAutonomous on;
        AdvValidLifetime 86400;
        AdvPreferredLifetime 14400;
    };
    prefix 2001:db8:b::/64 {
        AdvOnLink on;
        AdvAutonomous off;
        AdvValidLifetime infinity;
        AdvPreferredLifetime infinity;
    };
    route 2001:db8:100::/48 {
        AdvRoutePreference high;
        AdvRouteLifetime 600;
    };
    route ::/0 {
        AdvRoutePreference medium;
        AdvRouteLifetime infinity;
    };
    RDNSS 2001:db8::53 2001:db8::54 {
        AdvRDNSSLifetime 150;
    };
    DNSSL example.com corp.example.org {
        AdvDNSSLLifetime 150;
    };
    abro 2001:db8::1 {
        AdvVersionLow 10;
        AdvVersionHigh 2;
        AdvValidLifeTime 100;
    };
};
"""
