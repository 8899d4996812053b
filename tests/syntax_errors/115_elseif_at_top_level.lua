elseif x then end
